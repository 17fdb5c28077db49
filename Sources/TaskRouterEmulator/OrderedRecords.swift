/// Records keyed by SID that remember their insertion (creation) order, which is
/// the order lists are answered in.
struct OrderedRecords<Record: Sendable>: Sendable {
    private(set) var order: [String] = []
    private var bySID: [String: Record] = [:]

    subscript(sid: String) -> Record? {
        get { bySID[sid] }
        set {
            if let newValue {
                if bySID.updateValue(newValue, forKey: sid) == nil { order.append(sid) }
            } else {
                remove(sid)
            }
        }
    }

    /// Every record in creation order.
    var all: [Record] { order.compactMap { bySID[$0] } }

    var count: Int { order.count }

    /// Changes the record in place; `nil` when there is none.
    @discardableResult
    mutating func modify<Result, Failure: Error>(
        _ sid: String, _ body: (inout Record) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        guard var record = bySID.removeValue(forKey: sid) else { return nil }
        defer { bySID[sid] = record }
        return try body(&record)
    }

    mutating func remove(_ sid: String) {
        guard bySID.removeValue(forKey: sid) != nil else { return }
        order.removeAll { $0 == sid }
    }
}
