import PairingCore
import PairingStore

/// The rendered JSON object of configs (`ConfigRepresentation.write`), kept per process and keyed by
/// numeric id, valid only for the exact stored version it was rendered from.
///
/// Never stale: every update of a config bumps its version (the ETag), and a lookup needs the
/// version (and public id and creation time) read from the store in the same request to match,
/// so another process's write is seen at once. Bounded: at most `capacity` entries (about 1 KiB
/// each); when full, an arbitrary entry makes room.
public final class RenderedConfigCache: Sendable {
    private struct Entry {
        var version: Int64
        var id: String
        var createdAt: Int64
        var json: [UInt8]
    }

    private let entries = PThreadMutex<[Int64: Entry]>([:])
    /// The most configs kept.
    public let capacity: Int

    /// An empty cache holding at most `capacity` rendered configs (0 disables it).
    public init(capacity: Int = 4096) { self.capacity = max(0, capacity) }

    /// The rendered JSON of the config `summary` describes, if cached for its version.
    public func json(for summary: ConfigSummary) -> [UInt8]? {
        entries.withLock { entries in
            guard let entry = entries[summary.numericID], entry.version == summary.version,
                entry.id == summary.id, entry.createdAt == summary.createdAt
            else { return nil }
            return entry.json
        }
    }

    /// The rendered JSON of `config`, from the cache when its version is there, else rendered and kept.
    public func json(for config: PairingConfig) -> [UInt8] {
        if let cached = json(for: ConfigSummary(config)) { return cached }
        var writer = JSONWriter(capacity: 1024)
        ConfigRepresentation.write(config, to: &writer)
        let json = writer.bytes
        store(json, for: config)
        return json
    }

    /// Keeps `json` as the rendering of `config` (its numeric id and version).
    func store(_ json: [UInt8], for config: PairingConfig) {
        guard capacity > 0, config.deletedAt == nil else { return }
        entries.withLock { entries in
            if entries[config.numericID] == nil, entries.count >= capacity, !entries.isEmpty {
                entries.remove(at: entries.startIndex)
            }
            entries[config.numericID] = Entry(
                version: config.version, id: config.id, createdAt: config.createdAt, json: json)
        }
    }

    /// How many configs are cached.
    public var count: Int { entries.withLock { $0.count } }
}
