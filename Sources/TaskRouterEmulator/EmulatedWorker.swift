import TaskRouterExpressions

/// A Worker (`WK...`).
struct EmulatedWorker: Sendable {
    let sid: String
    var friendlyName: String
    /// `attributes` exactly as sent.
    var attributes: String
    var attributesValue: JSONValue
    var activitySid: String
    let dateCreated: Double
    var dateUpdated: Double
    var dateStatusChanged: Double
    /// Creation sequence, the tie-break between workers available equally long.
    let sequence: Int
}
