/// The columns of `base` from `offset` on, as a row of their own: decodes one part of a joined row
/// with the decoder of that part's table.
struct OffsetRow<Base: SQLRow>: SQLRow {
    let base: Base
    let offset: Int

    func isNull(_ column: Int) -> Bool { base.isNull(column + offset) }
    func int64(_ column: Int) -> Int64? { base.int64(column + offset) }
    func text(_ column: Int) -> String? { base.text(column + offset) }
    func bool(_ column: Int) -> Bool? { base.bool(column + offset) }
    func bytes(_ column: Int) -> [UInt8]? { base.bytes(column + offset) }
}
