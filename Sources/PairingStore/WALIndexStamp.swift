/// The header of an SQLite database's WAL index (the `-shm` file), as of one moment: every commit by
/// any connection in any process changes it (`iChange` counts write transactions; `mxFrame`, the salts
/// and the checksum move too). SQLite itself trusts an unchanged header to keep its page cache, so a
/// value read from the database after seeing a header is current for as long as the header stays the same.
struct WALIndexStamp: Hashable, Sendable {
    /// The 48-byte `WalIndexHdr`, as six words.
    let words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    static func == (a: WALIndexStamp, b: WALIndexStamp) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
            && a.words.4 == b.words.4 && a.words.5 == b.words.5
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.2)
    }
}
