/// A worker activity (`WA...`): `Offline`, `Available`, ...
struct EmulatedActivity: Sendable {
    let sid: String
    var friendlyName: String
    var available: Bool
    let dateCreated: Double
    var dateUpdated: Double
}
