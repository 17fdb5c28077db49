import TaskRouterExpressions

/// The JSON representations, with Twilio's snake_case keys (OpenAPI document).
extension EmulatedWorkspace {
    var path: String { "/v1/Workspaces/\(sid)" }

    func json(account: String, base: String) -> JSONValue {
        let url = base + path
        let defaultActivity = activities[defaultActivitySid]
        let timeoutActivity = activities[timeoutActivitySid]
        var links: [String: JSONValue] = [:]
        for (key, segment) in [
            ("activities", "Activities"), ("events", "Events"), ("tasks", "Tasks"), ("task_queues", "TaskQueues"),
            ("workers", "Workers"), ("workflows", "Workflows"), ("statistics", "Statistics"),
            ("real_time_statistics", "RealTimeStatistics"), ("cumulative_statistics", "CumulativeStatistics"),
            ("task_channels", "TaskChannels"),
        ] {
            links[key] = .string("\(url)/\(segment)")
        }
        return .object([
            "account_sid": .string(account),
            "date_created": .date(dateCreated),
            "date_updated": .date(dateUpdated),
            "default_activity_name": .optional(defaultActivity?.friendlyName),
            "default_activity_sid": .string(defaultActivitySid),
            "event_callback_url": .optional(eventCallbackURL),
            "events_filter": .optional(eventsFilter),
            "friendly_name": .string(friendlyName),
            "multi_task_enabled": .bool(multiTaskEnabled),
            "sid": .string(sid),
            "timeout_activity_name": .optional(timeoutActivity?.friendlyName),
            "timeout_activity_sid": .string(timeoutActivitySid),
            "prioritize_queue_order": .string(prioritizeQueueOrder),
            "url": .string(url),
            "links": .object(links),
        ])
    }

    func json(_ activity: EmulatedActivity, account: String, base: String) -> JSONValue {
        .object([
            "account_sid": .string(account),
            "available": .bool(activity.available),
            "date_created": .date(activity.dateCreated),
            "date_updated": .date(activity.dateUpdated),
            "friendly_name": .string(activity.friendlyName),
            "sid": .string(activity.sid),
            "workspace_sid": .string(sid),
            "url": .string("\(base)\(path)/Activities/\(activity.sid)"),
            "links": .object(["workspace": .string(base + path)]),
        ])
    }

    func json(_ queue: EmulatedTaskQueue, account: String, base: String) -> JSONValue {
        let url = "\(base)\(path)/TaskQueues/\(queue.sid)"
        return .object([
            "account_sid": .string(account),
            "assignment_activity_sid": .optional(queue.assignmentActivitySid),
            "assignment_activity_name": .optional(queue.assignmentActivitySid.flatMap { activities[$0]?.friendlyName }),
            "date_created": .date(queue.dateCreated),
            "date_updated": .date(queue.dateUpdated),
            "friendly_name": .string(queue.friendlyName),
            "max_reserved_workers": .number(Double(queue.maxReservedWorkers)),
            "reservation_activity_sid": .optional(queue.reservationActivitySid),
            "reservation_activity_name": .optional(
                queue.reservationActivitySid.flatMap { activities[$0]?.friendlyName }),
            "sid": .string(queue.sid),
            "target_workers": .string(queue.targetWorkers.text),
            "task_order": .string(queue.taskOrder),
            "url": .string(url),
            "workspace_sid": .string(sid),
            "links": .object([
                "assignment_activity": .optional(
                    queue.assignmentActivitySid.map { "\(base)\(path)/Activities/\($0)" }),
                "reservation_activity": .optional(
                    queue.reservationActivitySid.map { "\(base)\(path)/Activities/\($0)" }),
                "workspace": .string(base + path),
                "statistics": .string(url + "/Statistics"),
                "real_time_statistics": .string(url + "/RealTimeStatistics"),
                "cumulative_statistics": .string(url + "/CumulativeStatistics"),
                "list_statistics": .string("\(base)\(path)/TaskQueues/Statistics"),
            ]),
        ])
    }

    func json(_ workflow: EmulatedWorkflow, account: String, base: String) -> JSONValue {
        let url = "\(base)\(path)/Workflows/\(workflow.sid)"
        return .object([
            "account_sid": .string(account),
            "assignment_callback_url": .optional(workflow.assignmentCallbackURL),
            "configuration": .string(workflow.configuration),
            "date_created": .date(workflow.dateCreated),
            "date_updated": .date(workflow.dateUpdated),
            "document_content_type": .string("application/json"),
            "fallback_assignment_callback_url": .optional(workflow.fallbackAssignmentCallbackURL),
            "friendly_name": .string(workflow.friendlyName),
            "sid": .string(workflow.sid),
            "task_reservation_timeout": .number(Double(workflow.taskReservationTimeout)),
            "workspace_sid": .string(sid),
            "url": .string(url),
            "links": .object([
                "statistics": .string(url + "/Statistics"),
                "real_time_statistics": .string(url + "/RealTimeStatistics"),
                "cumulative_statistics": .string(url + "/CumulativeStatistics"),
            ]),
        ])
    }

    /// A worker; `withAttributes: false` gives the list form (`attributes` null).
    func json(_ worker: EmulatedWorker, account: String, base: String, withAttributes: Bool = true) -> JSONValue {
        let url = "\(base)\(path)/Workers/\(worker.sid)"
        let activity = activities[worker.activitySid]
        return .object([
            "account_sid": .string(account),
            "activity_name": .optional(activity?.friendlyName),
            "activity_sid": .string(worker.activitySid),
            "attributes": withAttributes ? .string(worker.attributes) : .null,
            "available": .bool(activity?.available ?? false),
            "date_created": .date(worker.dateCreated),
            "date_status_changed": .date(worker.dateStatusChanged),
            "date_updated": .date(worker.dateUpdated),
            "friendly_name": .string(worker.friendlyName),
            "sid": .string(worker.sid),
            "workspace_sid": .string(sid),
            "url": .string(url),
            "links": .object([
                "channels": .string(url + "/Channels"),
                "reservations": .string(url + "/Reservations"),
                "statistics": .string(url + "/Statistics"),
                "activity": .string("\(base)\(path)/Activities/\(worker.activitySid)"),
                "workspace": .string(base + path),
            ]),
        ])
    }

    func json(_ task: EmulatedTask, account: String, base: String, now: Double) -> JSONValue {
        let url = "\(base)\(path)/Tasks/\(task.sid)"
        let workflow = task.workflowSid.flatMap { workflows[$0] }
        let queue = task.taskQueueSid.flatMap { queues[$0] }
        return .object([
            "account_sid": .string(account),
            "age": .number(Double(max(0, Int(now - task.dateCreated)))),
            "assignment_status": .string(task.assignmentStatus),
            "attributes": .string(task.attributes),
            "addons": .string("{}"),
            "date_created": .date(task.dateCreated),
            "date_updated": .date(task.dateUpdated),
            "task_queue_entered_date": .optional(task.taskQueueEnteredDate.map(TwilioDate.format)),
            "priority": .number(Double(task.priority)),
            "reason": .optional(task.reason),
            "sid": .string(task.sid),
            "task_queue_sid": .optional(task.taskQueueSid),
            "task_queue_friendly_name": .optional(queue?.friendlyName),
            "task_channel_sid": .null,
            "task_channel_unique_name": .string("default"),
            "timeout": .number(Double(task.timeout)),
            "workflow_sid": .optional(task.workflowSid),
            "workflow_friendly_name": .optional(workflow?.friendlyName),
            "workspace_sid": .string(sid),
            "url": .string(url),
            "links": .object([
                "task_queue": .optional(task.taskQueueSid.map { "\(base)\(path)/TaskQueues/\($0)" }),
                "workflow": .optional(task.workflowSid.map { "\(base)\(path)/Workflows/\($0)" }),
                "workspace": .string(base + path),
                "reservations": .string(url + "/Reservations"),
            ]),
            "virtual_start_time": .date(task.dateCreated),
            "ignore_capacity": .bool(false),
            "routing_target": .null,
        ])
    }

    /// A reservation, addressed under its task or under its worker.
    func json(_ reservation: EmulatedReservation, account: String, base: String, underWorker: Bool) -> JSONValue {
        let url =
            underWorker
            ? "\(base)\(path)/Workers/\(reservation.workerSid)/Reservations/\(reservation.sid)"
            : "\(base)\(path)/Tasks/\(reservation.taskSid)/Reservations/\(reservation.sid)"
        return .object([
            "account_sid": .string(account),
            "date_created": .date(reservation.dateCreated),
            "date_updated": .date(reservation.dateUpdated),
            "reservation_status": .string(reservation.status),
            "sid": .string(reservation.sid),
            "task_sid": .string(reservation.taskSid),
            "worker_name": .optional(workers[reservation.workerSid]?.friendlyName),
            "worker_sid": .string(reservation.workerSid),
            "workspace_sid": .string(sid),
            "url": .string(url),
            "links": .object([
                "task": .string("\(base)\(path)/Tasks/\(reservation.taskSid)"),
                "worker": .string("\(base)\(path)/Workers/\(reservation.workerSid)"),
                "workspace": .string(base + path),
            ]),
        ])
    }
}

extension JSONValue {
    /// A Twilio timestamp string.
    static func date(_ secondsSince1970: Double) -> JSONValue { .string(TwilioDate.format(secondsSince1970)) }

    /// A string, or null.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
