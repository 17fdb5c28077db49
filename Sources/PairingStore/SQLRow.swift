/// Read access to the current row of a result, shared by the SQLite and PostgreSQL adapters
/// so that both decode rows with the same code (`RowDecoding`).
protocol SQLRow {
    func isNull(_ column: Int) -> Bool
    func int64(_ column: Int) -> Int64?
    func text(_ column: Int) -> String?
    func bool(_ column: Int) -> Bool?
    func bytes(_ column: Int) -> [UInt8]?
}
