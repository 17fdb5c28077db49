import PairingCore
import Synchronization

/// Each company's live config summaries in the orders asked for, kept per process for one
/// config revision (`PairingStore.configRevision`).
///
/// Never stale: a lookup needs the revision read from the store in the same request, and every
/// config create, update and delete bumps it in its own transaction, in whichever process it runs.
/// Bounded: at most `capacity` companies and `ordersPerCompany` orders each; when full, an arbitrary
/// company (or order) makes room.
public final class ConfigListCache: Sendable {
    private struct Entry {
        var revision: Int64
        var orders: [ConfigSort: [ConfigSummary]]
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// The most companies kept.
    public let capacity: Int
    /// The most orders kept per company.
    public let ordersPerCompany: Int

    /// An empty cache (a capacity of 0 disables it).
    public init(capacity: Int = 256, ordersPerCompany: Int = 8) {
        self.capacity = max(0, capacity)
        self.ordersPerCompany = max(1, ordersPerCompany)
    }

    /// The company's summaries in `sort` order, if cached for exactly `revision`.
    public func ordered(companyID: String, revision: Int64, sort: ConfigSort) -> [ConfigSummary]? {
        entries.withLock { entries in
            guard let entry = entries[companyID], entry.revision == revision else { return nil }
            return entry.orders[sort]
        }
    }

    /// Keeps `ordered` as the company's summaries in `sort` order at `revision`; what was kept for
    /// another revision is dropped.
    public func store(_ ordered: [ConfigSummary], companyID: String, revision: Int64, sort: ConfigSort) {
        guard capacity > 0 else { return }
        entries.withLock { entries in
            if var entry = entries[companyID], entry.revision == revision {
                if entry.orders[sort] == nil, entry.orders.count >= ordersPerCompany {
                    entry.orders.remove(at: entry.orders.startIndex)
                }
                entry.orders[sort] = ordered
                entries[companyID] = entry
                return
            }
            if entries[companyID] == nil, entries.count >= capacity, !entries.isEmpty {
                entries.remove(at: entries.startIndex)
            }
            entries[companyID] = Entry(revision: revision, orders: [sort: ordered])
        }
    }

    /// How many companies are cached.
    public var count: Int { entries.withLock { $0.count } }
}
