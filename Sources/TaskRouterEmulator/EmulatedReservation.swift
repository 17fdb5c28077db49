/// A Reservation (`WR...`): one task offered to one worker.
struct EmulatedReservation: Sendable {
    let sid: String
    let taskSid: String
    let workerSid: String
    /// `pending`, `accepted`, `rejected`, `rescinded`, `canceled`, `wrapping` or `completed`.
    var status: String
    let dateCreated: Double
    var dateUpdated: Double

    /// Whether the reservation still occupies its worker.
    var isActive: Bool { status == "pending" || status == "accepted" || status == "wrapping" }
}
