import PairingCore
import PairingStore

/// Each company's live config summaries in the orders asked for, kept per process for one
/// config revision (`PairingStore.configRevision`).
///
/// Never stale: a lookup needs the revision read from the store in the same request, and every
/// config create, update and delete bumps it in its own transaction, in whichever process it runs.
/// Bounded: at most `capacity` companies, `ordersPerCompany` orders each and `maxSummaries`
/// summaries in all (about 100 bytes each); when full, arbitrary companies (or orders) make room.
public final class ConfigListCache: Sendable {
    private struct Entry {
        var revision: Int64
        var orders: [ConfigSort: [ConfigSummary]]
        var size: Int { orders.values.reduce(0) { $0 + $1.count } }
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Summaries held in all entries.
        var total = 0

        mutating func remove(_ companyID: String) {
            if let entry = entries.removeValue(forKey: companyID) { total -= entry.size }
        }
    }

    private let state = PThreadMutex(State())
    /// The most companies kept.
    public let capacity: Int
    /// The most orders kept per company.
    public let ordersPerCompany: Int
    /// The most summaries kept in all.
    public let maxSummaries: Int

    /// An empty cache (a capacity of 0 disables it).
    public init(capacity: Int = 256, ordersPerCompany: Int = 8, maxSummaries: Int = 50_000) {
        self.capacity = max(0, capacity)
        self.ordersPerCompany = max(1, ordersPerCompany)
        self.maxSummaries = max(0, maxSummaries)
    }

    /// The company's summaries in `sort` order, if cached for exactly `revision`.
    public func ordered(companyID: String, revision: Int64, sort: ConfigSort) -> [ConfigSummary]? {
        state.withLock { state in
            guard let entry = state.entries[companyID], entry.revision == revision else { return nil }
            return entry.orders[sort]
        }
    }

    /// Keeps `ordered` as the company's summaries in `sort` order at `revision`; what was kept for
    /// another revision is dropped.
    public func store(_ ordered: [ConfigSummary], companyID: String, revision: Int64, sort: ConfigSort) {
        guard capacity > 0, ordered.count <= maxSummaries else { return }
        state.withLock { state in
            var entry = Entry(revision: revision, orders: [:])
            if let kept = state.entries[companyID], kept.revision == revision { entry = kept }
            state.remove(companyID)
            entry.orders[sort] = nil
            while entry.orders.count >= ordersPerCompany { entry.orders.remove(at: entry.orders.startIndex) }
            entry.orders[sort] = ordered
            let size = entry.size
            while !state.entries.isEmpty,
                state.entries.count >= capacity || state.total + size > maxSummaries
            {
                state.remove(state.entries[state.entries.startIndex].key)
            }
            state.entries[companyID] = entry
            state.total += size
        }
    }

    /// How many companies are cached.
    public var count: Int { state.withLock { $0.entries.count } }

    /// How many summaries are cached in all.
    public var summaryCount: Int { state.withLock { $0.total } }
}
