/// The fields every config order reads (`ConfigOrdering`): implemented by full configs and by
/// `ConfigSummary`, so both sort identically.
public protocol ConfigSortKeys {
    var numericID: Int64 { get }
    var id: String { get }
    var priority: Int32? { get }
    var isDefault: Bool { get }
    var createdAt: Int64 { get }
}

extension PairingConfig: ConfigSortKeys {}
