/// Which workers a pairing config's TaskQueue holds (api.md section 4).
/// Absent or empty lists place no constraint.
public struct WorkerMatch: Sendable, Hashable, Codable {
    public var isManager: Bool?
    public var teamIds: [String]?
    public var roleIds: [String]?

    public init(isManager: Bool? = nil, teamIds: [String]? = nil, roleIds: [String]? = nil) {
        self.isManager = isManager
        self.teamIds = teamIds
        self.roleIds = roleIds
    }
}
