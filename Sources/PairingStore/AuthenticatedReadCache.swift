/// Authenticated reads (`PairingStore.authenticatedRead`) of the SQLite store, each valid only while the
/// database's WAL-index header is the one seen before it was read (`WALIndexStamp`): any commit, by any
/// connection in any process, changes the header and so empties the cache. A revoked key or a changed
/// config is therefore seen by the next request, as without the cache.
///
/// Only reads that found a live key allowed on an existing company (and, for a config, found the config) are
/// kept, so random keys or made-up ids cannot fill it; at most `capacity` entries of a few hundred bytes.
final class AuthenticatedReadCache: Sendable {
    private struct Key: Hashable {
        let keyHash: String
        let companyID: String
        let target: AuthenticatedReadTarget
    }

    private struct State {
        var stamp: WALIndexStamp?
        var entries: [Key: AuthenticatedRead] = [:]
    }

    private let state = PThreadMutex(State())
    /// The most reads kept.
    let capacity: Int

    init(capacity: Int = 4096) { self.capacity = max(0, capacity) }

    /// The read kept for these arguments at `stamp`, if any.
    func read(keyHash: String, companyID: String, _ target: AuthenticatedReadTarget, at stamp: WALIndexStamp)
        -> AuthenticatedRead?
    {
        let key = Key(keyHash: keyHash, companyID: companyID, target: target)
        return state.withLock { state in state.stamp == stamp ? state.entries[key] : nil }
    }

    /// Keeps `read`, made after seeing `stamp`.
    func store(
        _ read: AuthenticatedRead, keyHash: String, companyID: String, _ target: AuthenticatedReadTarget,
        at stamp: WALIndexStamp
    ) {
        // Only reads that found what they looked for, by a key allowed there: every string of the entry then
        // names a stored row (a key hash, a company, a config), so a caller cannot grow entries at will.
        guard capacity > 0, let key = read.key, read.companyExists == true,
            key.companyID == nil || key.companyID == companyID
        else { return }
        let entry = Key(keyHash: keyHash, companyID: companyID, target: target)
        state.withLock { state in
            if state.stamp != stamp || state.entries.count >= capacity {
                state.stamp = stamp
                state.entries.removeAll(keepingCapacity: true)
            }
            state.entries[entry] = read
        }
    }
}
