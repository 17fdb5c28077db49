/// One row of a PostgreSQL result in text format, copied out of libpq's result.
struct PostgresRow: SQLRow, Sendable {
    let values: [String?]

    func isNull(_ column: Int) -> Bool { values[column] == nil }
    func text(_ column: Int) -> String? { values[column] }
    func int64(_ column: Int) -> Int64? { values[column].flatMap { Int64($0) } }
    func bool(_ column: Int) -> Bool? { values[column].map { $0 == "t" || $0 == "true" } }

    /// `bytea` in the server's hex output format: `\x` followed by two hex digits per byte.
    func bytes(_ column: Int) -> [UInt8]? {
        guard let text = values[column] else { return nil }
        let digits = Array(text.utf8.dropFirst(2))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index + 1 < digits.count {
            bytes.append(Self.nibble(digits[index]) << 4 | Self.nibble(digits[index + 1]))
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: 0
        }
    }
}

/// What a query returned: its rows and how many rows it changed.
struct PostgresResult: Sendable {
    var rows: [PostgresRow]
    var affectedRows: Int
}
