import TaskRouterExpressions

/// Routing inside one workspace (emulator.md section 3).
extension EmulatedWorkspace {
    /// Sends a task through its workflow: the first filter whose expression matches
    /// its attributes, else the default filter. The task becomes `pending` in the
    /// first target's queue (or in no queue when nothing matches).
    mutating func route(_ taskSid: String, now: Double) {
        guard var task = tasks[taskSid] else { return }
        if let workflow = task.workflowSid.flatMap({ workflows[$0] }) {
            task.targets = workflow.routing.targets(for: task.attributesValue, at: now)
            let queueSid = task.targets.first?.queueSid
            if queueSid != task.taskQueueSid {
                task.taskQueueSid = queueSid
                task.taskQueueEnteredDate = queueSid == nil ? nil : now
            }
        }
        task.assignmentStatus = "pending"
        task.dateUpdated = now
        tasks[taskSid] = task
    }

    /// Offers pending tasks (highest priority first, then oldest) to idle available
    /// workers: for each of the task's targets in order, the matching worker that has
    /// been available longest gets a pending reservation and the task is `reserved`.
    mutating func dispatch(now: Double) {
        // Cheap exit first: nothing to do while no worker is idle and available.
        let busy = Set(reservations.all.lazy.filter(\.isActive).map(\.workerSid))
        var idle: [(worker: EmulatedWorker, since: Double)] = []
        for worker in workers.all {
            guard let since = availableSince[worker.sid], !busy.contains(worker.sid), isAvailable(worker) else {
                continue
            }
            idle.append((worker, since))
        }
        guard !idle.isEmpty else { return }
        // Longest available first; ties go to the older worker.
        idle.sort { $0.since != $1.since ? $0.since < $1.since : $0.worker.sequence < $1.worker.sequence }
        let pending = tasks.all.filter { $0.assignmentStatus == "pending" && !$0.targets.isEmpty }
            .sorted { $0.priority != $1.priority ? $0.priority > $1.priority : $0.sequence < $1.sequence }
        for task in pending {
            guard !idle.isEmpty else { return }
            targets: for target in task.targets {
                guard let queue = queues[target.queueSid] else { continue }
                for (index, candidate) in idle.enumerated() {
                    let worker = candidate.worker
                    guard !task.rejectedWorkerSids.contains(worker.sid),
                        queue.targetWorkers.matches(worker.attributesValue, at: now)
                    else { continue }
                    if let expression = target.expression,
                        !expression.matches(targetContext(task: task, worker: worker), at: now)
                    {
                        continue
                    }
                    reserve(task.sid, for: worker.sid, queueSid: queue.sid, now: now)
                    idle.remove(at: index)
                    break targets
                }
            }
        }
    }

    private mutating func reserve(_ taskSid: String, for workerSid: String, queueSid: String, now: Double) {
        let reservation = EmulatedReservation(
            sid: SIDGenerator.make("WR"), taskSid: taskSid, workerSid: workerSid, status: "pending",
            dateCreated: now, dateUpdated: now)
        reservations[reservation.sid] = reservation
        tasks.modify(taskSid) { task in
            task.assignmentStatus = "reserved"
            if task.taskQueueSid != queueSid {
                task.taskQueueSid = queueSid
                task.taskQueueEnteredDate = now
            }
            task.dateUpdated = now
        }
    }

    /// `{"task": <task attributes>, "worker": <worker attributes + sid, friendly_name, activity_*>}`.
    func targetContext(task: EmulatedTask, worker: EmulatedWorker) -> JSONValue {
        var workerMembers: [String: JSONValue] = [:]
        if case .object(let members) = worker.attributesValue { workerMembers = members }
        workerMembers["sid"] = .string(worker.sid)
        workerMembers["friendly_name"] = .string(worker.friendlyName)
        workerMembers["activity_sid"] = .string(worker.activitySid)
        workerMembers["activity_name"] = .optional(activities[worker.activitySid]?.friendlyName)
        return .object(["task": task.attributesValue, "worker": .object(workerMembers)])
    }

    /// Ends the task's active reservations with `status` (e.g. `rescinded`, `canceled`,
    /// `completed`); only reservations currently in one of `from` change.
    mutating func finishReservations(ofTask taskSid: String, from: Set<String>, to status: String, now: Double) {
        for reservation in reservations.all where reservation.taskSid == taskSid && from.contains(reservation.status) {
            reservations.modify(reservation.sid) {
                $0.status = status
                $0.dateUpdated = now
            }
        }
    }

    /// Moves a worker to an activity, keeping "available since" in step.
    mutating func setActivity(ofWorker workerSid: String, to activitySid: String, now: Double) {
        guard var worker = workers[workerSid] else { return }
        let wasAvailable = isAvailable(worker)
        if worker.activitySid != activitySid {
            worker.activitySid = activitySid
            worker.dateStatusChanged = now
        }
        let isNowAvailable = isAvailable(worker)
        if isNowAvailable && (!wasAvailable || availableSince[workerSid] == nil) {
            availableSince[workerSid] = now
        } else if !isNowAvailable {
            availableSince[workerSid] = nil
        }
        workers[workerSid] = worker
    }

    /// Re-routes every pending or reserved task of a workflow (`ReEvaluateTasks`):
    /// pending reservations are rescinded first.
    mutating func reevaluateTasks(ofWorkflow workflowSid: String, now: Double) {
        for task in tasks.all
        where task.workflowSid == workflowSid
            && (task.assignmentStatus == "pending" || task.assignmentStatus == "reserved")
        {
            finishReservations(ofTask: task.sid, from: ["pending"], to: "rescinded", now: now)
            route(task.sid, now: now)
        }
    }
}

extension EmulatedWorkspace {
    /// A worker rejects a pending reservation: the task goes back to routing and is
    /// not offered to that worker again.
    mutating func reject(_ reservationSid: String, now: Double) {
        guard let reservation = reservations[reservationSid], reservation.status == "pending" else { return }
        reservations.modify(reservationSid) {
            $0.status = "rejected"
            $0.dateUpdated = now
        }
        tasks.modify(reservation.taskSid) { $0.rejectedWorkerSids.insert(reservation.workerSid) }
        route(reservation.taskSid, now: now)
    }
}
