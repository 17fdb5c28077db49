import Glibc
import Synchronization

/// Reads `WALIndexStamp`s of one database file (one `pread` of the `-shm` file's first 96 bytes; no lock).
///
/// Closing any descriptor of a file drops every POSIX lock the process holds on it, and SQLite's
/// connections hold their WAL locks on the `-shm` file. So the descriptor is shared by every reader of
/// the file in the process and closed only when the last one goes, which `SQLitePairingStore` arranges
/// to happen after its connections are closed.
final class WALIndexReader: Sendable {
    private let path: String
    private let descriptor = Atomic<Int32>(-1)

    init(databasePath: String) { path = databasePath + "-shm" }

    deinit {
        let fd = descriptor.load(ordering: .acquiring)
        if fd >= 0 { WALIndexReader.releaseDescriptor(path) }
    }

    /// The header now; nil while a writer is changing it (its two copies differ), before SQLite has
    /// initialized it, or when the file cannot be read.
    func stamp() -> WALIndexStamp? {
        guard let fd = openDescriptor() else { return nil }
        var copies:
            (
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let read = withUnsafeMutableBytes(of: &copies) { pread(fd, $0.baseAddress, 96, 0) }
        guard read == 96 else { return nil }
        let first = WALIndexStamp(words: (copies.0, copies.1, copies.2, copies.3, copies.4, copies.5))
        let second = WALIndexStamp(words: (copies.6, copies.7, copies.8, copies.9, copies.10, copies.11))
        // SQLite writes the second copy, then the first; equal copies are a consistent header.
        // isInit is byte 12 (after iVersion, unused and iChange): on little-endian, bits 32-39 of word 1.
        guard first == second, (first.words.1 >> 32) & 0xFF == 1 else { return nil }
        return first
    }

    private func openDescriptor() -> Int32? {
        let known = descriptor.load(ordering: .acquiring)
        if known >= 0 { return known }
        // Not open yet (or the file did not exist yet). Two threads may race here: the loser gives
        // its reference back.
        let fd = WALIndexReader.retainDescriptor(path)
        guard fd >= 0 else { return nil }
        if !descriptor.compareExchange(expected: -1, desired: fd, ordering: .acquiringAndReleasing).exchanged {
            WALIndexReader.releaseDescriptor(path)
        }
        return fd
    }

    /// One read-only descriptor per `-shm` path, with the number of readers using it.
    private static let descriptors = PThreadMutex<[String: (fd: Int32, users: Int)]>([:])

    private static func retainDescriptor(_ path: String) -> Int32 {
        descriptors.withLock { descriptors in
            if let entry = descriptors[path] {
                descriptors[path] = (entry.fd, entry.users + 1)
                return entry.fd
            }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { descriptors[path] = (fd, 1) }
            return fd
        }
    }

    private static func releaseDescriptor(_ path: String) {
        descriptors.withLock { descriptors in
            guard let entry = descriptors[path] else { return }
            if entry.users > 1 {
                descriptors[path] = (entry.fd, entry.users - 1)
            } else {
                descriptors[path] = nil
                close(entry.fd)
            }
        }
    }
}
