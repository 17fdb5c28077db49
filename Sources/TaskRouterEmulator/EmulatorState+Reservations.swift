/// Reservations, under a task (`/Tasks/{TaskSid}/Reservations`) or a worker
/// (`/Workers/{WorkerSid}/Reservations`): list, fetch, update `ReservationStatus`.
extension EmulatorState {
    private static func owner(_ request: EmulatorRequest, in workspace: EmulatedWorkspace) throws(EmulatorError) -> (
        underWorker: Bool, sid: String
    ) {
        if let workerSid = request.parameters["WorkerSid"] {
            guard workspace.workers[workerSid] != nil else { throw .notFound(request.path) }
            return (true, workerSid)
        }
        let taskSid = request.parameter("TaskSid")
        guard workspace.tasks[taskSid] != nil else { throw .notFound(request.path) }
        return (false, taskSid)
    }

    private static func reservation(_ request: EmulatorRequest, in workspace: EmulatedWorkspace) throws(EmulatorError)
        -> (EmulatedReservation, underWorker: Bool)
    {
        let (underWorker, ownerSid) = try EmulatorState.owner(request, in: workspace)
        guard let reservation = workspace.reservations[request.parameter("Sid")],
            (underWorker ? reservation.workerSid : reservation.taskSid) == ownerSid
        else { throw .notFound(request.path) }
        return (reservation, underWorker)
    }

    /// Filters: `ReservationStatus`, and under a task `WorkerSid`.
    func listReservations(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        let (underWorker, ownerSid) = try EmulatorState.owner(request, in: workspace)
        let status = request.query.value("ReservationStatus")
        let worker = request.query.value("WorkerSid")
        let items = workspace.reservations.all
            .filter { (underWorker ? $0.workerSid : $0.taskSid) == ownerSid }
            .filter { (status == nil || $0.status == status) && (worker == nil || $0.workerSid == worker) }
            .map { workspace.json($0, account: request.account, base: request.base, underWorker: underWorker) }
        return .ok(try ListPage.make(items, key: "reservations", request: request))
    }

    func fetchReservation(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let workspace = try workspace(request)
        let (reservation, underWorker) = try EmulatorState.reservation(request, in: workspace)
        return .ok(workspace.json(reservation, account: request.account, base: request.base, underWorker: underWorker))
    }

    /// `ReservationStatus`: `accepted` (task `assigned`), `rejected` (task back to
    /// routing), `wrapping`, `completed`; `WorkerActivitySid` moves the worker.
    mutating func updateReservation(_ request: EmulatorRequest) throws(EmulatorError) -> EmulatorReply {
        let form = request.form
        return try withWorkspace(request) { (workspace) throws(EmulatorError) -> EmulatorReply in
            let (reservation, underWorker) = try EmulatorState.reservation(request, in: workspace)
            let now = request.now
            let activity = form.value("WorkerActivitySid").flatMap { $0.isEmpty ? nil : $0 }
            if let activity, workspace.activities[activity] == nil {
                throw .badParameter("Invalid value for parameter WorkerActivitySid: Activity \(activity) not found")
            }
            if let status = form.value("ReservationStatus") {
                let allowed: [String: Set<String>] = [
                    "accepted": ["pending"], "rejected": ["pending"], "wrapping": ["accepted"],
                    "completed": ["accepted", "wrapping"],
                ]
                guard let from = allowed[status] else {
                    throw .badParameter(
                        "Invalid value '\(status)' for parameter ReservationStatus: expected accepted, rejected, wrapping or completed"
                    )
                }
                guard from.contains(reservation.status) else {
                    throw .badParameter(
                        "Cannot change Reservation \(reservation.sid) from \(reservation.status) to \(status)")
                }
                switch status {
                case "rejected":
                    workspace.reject(reservation.sid, now: now)
                default:
                    workspace.reservations.modify(reservation.sid) {
                        $0.status = status
                        $0.dateUpdated = now
                    }
                    let taskStatus = status == "accepted" ? "assigned" : status
                    workspace.tasks.modify(reservation.taskSid) {
                        $0.assignmentStatus = taskStatus
                        $0.dateUpdated = now
                    }
                }
            }
            if let activity { workspace.setActivity(ofWorker: reservation.workerSid, to: activity, now: now) }
            workspace.dispatch(now: now)
            return .ok(
                workspace.json(
                    workspace.reservations[reservation.sid]!, account: request.account, base: request.base,
                    underWorker: underWorker))
        }
    }
}
