import TaskRouterExpressions

extension JSONValue {
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var int: Int? {
        if case .number(let value) = self { return Int(value) }
        return nil
    }

    var array: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    var isNull: Bool { self == .null }
}

extension TestResponse {
    /// `data` of an object envelope.
    var data: JSONValue { json["data"] ?? .null }
    /// `data[].id` of a list envelope.
    var ids: [String] { (json["data"] ?? .null).array.compactMap { $0["id"]?.string } }
}
