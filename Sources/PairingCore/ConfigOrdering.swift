/// Orders of pairing configs: evaluation order (api.md section 7) and `sortBy` orders
/// (section 6). Every order is total: ties end with `createdAt` then `id`, ascending.
public enum ConfigOrdering {
    /// The configs in the order the workflow evaluates them: non-default configs with a
    /// priority (highest first), then non-default configs without one, then the default.
    public static func evaluationOrder(_ configs: [PairingConfig]) -> [PairingConfig] {
        sortedByIndex(configs, evaluatesBefore)
    }

    /// Summaries in evaluation order (the same order as `evaluationOrder` of their configs).
    public static func evaluationOrder(_ configs: [ConfigSummary]) -> [ConfigSummary] {
        sortedByIndex(configs, evaluatesBefore)
    }

    /// Sorts indices rather than the (large) config values, then gathers once.
    private static func sortedByIndex<C>(_ configs: [C], _ before: (C, C) -> Bool) -> [C] {
        configs.withUnsafeBufferPointer { buffer in
            Array(buffer.indices).sorted { before(buffer[$0], buffer[$1]) }.map { buffer[$0] }
        }
    }

    /// True when `a` is evaluated before `b`.
    public static func evaluatesBefore(_ a: PairingConfig, _ b: PairingConfig) -> Bool {
        evaluatesBefore(keys: a, b)
    }

    /// True when the config of `a` is evaluated before that of `b`.
    public static func evaluatesBefore(_ a: ConfigSummary, _ b: ConfigSummary) -> Bool {
        evaluatesBefore(keys: a, b)
    }

    private static func evaluatesBefore<C: ConfigSortKeys>(keys a: C, _ b: C) -> Bool {
        if a.isDefault != b.isDefault { return b.isDefault }
        switch (a.priority, b.priority) {
        case (let x?, let y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return tieBreak(a, b)
        }
    }

    /// The configs sorted by `sort`; an empty sort is evaluation order.
    public static func sorted(_ configs: [PairingConfig], by sort: ConfigSort) -> [PairingConfig] {
        if sort.terms.isEmpty { return evaluationOrder(configs) }
        return sortedByIndex(configs) { precedes(keys: $0, $1, sort) }
    }

    /// Summaries sorted by `sort` (the same order as `sorted` of their configs).
    public static func sorted(_ configs: [ConfigSummary], by sort: ConfigSort) -> [ConfigSummary] {
        if sort.terms.isEmpty { return evaluationOrder(configs) }
        return sortedByIndex(configs) { precedes(keys: $0, $1, sort) }
    }

    /// True when `a` comes before `b` under `sort` (then the tie-break).
    public static func precedes(_ a: PairingConfig, _ b: PairingConfig, _ sort: ConfigSort) -> Bool {
        precedes(keys: a, b, sort)
    }

    private static func precedes<C: ConfigSortKeys>(keys a: C, _ b: C, _ sort: ConfigSort) -> Bool {
        for term in sort.terms {
            switch term.key {
            case .id:
                if a.id != b.id { return term.descending ? a.id > b.id : a.id < b.id }
            case .createdAt:
                if a.createdAt != b.createdAt {
                    return term.descending ? a.createdAt > b.createdAt : a.createdAt < b.createdAt
                }
            case .priority:
                switch (a.priority, b.priority) {
                case (let x?, let y?) where x != y: return term.descending ? x > y : x < y
                case (.some, nil): return true  // null last in both directions
                case (nil, .some): return false
                default: break
                }
            }
        }
        return tieBreak(a, b)
    }

    private static func tieBreak<C: ConfigSortKeys>(_ a: C, _ b: C) -> Bool {
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        if a.id != b.id { return a.id < b.id }
        return a.numericID < b.numericID
    }
}
