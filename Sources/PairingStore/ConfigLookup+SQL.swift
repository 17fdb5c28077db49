extension ConfigLookup {
    /// The `pairing_configs` column the lookup matches, and the value it must equal.
    var columnAndValue: (column: StaticString, value: SQLValue) {
        switch self {
        case .publicID(let id): return ("id", .text(id))
        case .externalID(let externalID): return ("external_id", .text(externalID))
        case .numericID(let numericID): return ("numeric_id", .integer(numericID))
        }
    }
}
