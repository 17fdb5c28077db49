/// The `/v1` routes the emulator serves, with Twilio's path templates (which are
/// also the keys request counting uses).
struct EmulatorRoute: Sendable {
    typealias Handler = @Sendable (inout EmulatorState, EmulatorRequest) throws(EmulatorError) -> EmulatorReply

    let method: String
    let template: String
    let segments: [String]
    let handler: Handler

    init(_ method: String, _ template: String, _ handler: @escaping Handler) {
        self.method = method
        self.template = template
        self.segments = template.split(separator: "/").map(String.init)
        self.handler = handler
    }

    /// Path parameters when `parts` matches this route's template, else `nil`.
    func match(_ parts: [String]) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            if segment.hasPrefix("{") {
                parameters[String(segment.dropFirst().dropLast())] = part
            } else if segment != part {
                return nil
            }
        }
        return parameters
    }

    static let all: [EmulatorRoute] = {
        let ws = "/v1/Workspaces/{WorkspaceSid}"
        return [
            EmulatorRoute("GET", "/v1/Workspaces") { (s, r) throws(EmulatorError) in try s.listWorkspaces(r) },
            EmulatorRoute("POST", "/v1/Workspaces") { (s, r) throws(EmulatorError) in try s.createWorkspace(r) },
            EmulatorRoute("GET", ws) { (s, r) throws(EmulatorError) in try s.fetchWorkspace(r) },
            EmulatorRoute("POST", ws) { (s, r) throws(EmulatorError) in try s.updateWorkspace(r) },
            EmulatorRoute("DELETE", ws) { (s, r) throws(EmulatorError) in try s.deleteWorkspace(r) },

            EmulatorRoute("GET", ws + "/Activities") { (s, r) throws(EmulatorError) in try s.listActivities(r) },
            EmulatorRoute("POST", ws + "/Activities") { (s, r) throws(EmulatorError) in try s.createActivity(r) },
            EmulatorRoute("GET", ws + "/Activities/{Sid}") { (s, r) throws(EmulatorError) in try s.fetchActivity(r) },

            EmulatorRoute("GET", ws + "/TaskQueues") { (s, r) throws(EmulatorError) in try s.listQueues(r) },
            EmulatorRoute("POST", ws + "/TaskQueues") { (s, r) throws(EmulatorError) in try s.createQueue(r) },
            EmulatorRoute("GET", ws + "/TaskQueues/{Sid}") { (s, r) throws(EmulatorError) in try s.fetchQueue(r) },
            EmulatorRoute("POST", ws + "/TaskQueues/{Sid}") { (s, r) throws(EmulatorError) in try s.updateQueue(r) },
            EmulatorRoute("DELETE", ws + "/TaskQueues/{Sid}") { (s, r) throws(EmulatorError) in try s.deleteQueue(r) },

            EmulatorRoute("GET", ws + "/Workflows") { (s, r) throws(EmulatorError) in try s.listWorkflows(r) },
            EmulatorRoute("POST", ws + "/Workflows") { (s, r) throws(EmulatorError) in try s.createWorkflow(r) },
            EmulatorRoute("GET", ws + "/Workflows/{Sid}") { (s, r) throws(EmulatorError) in try s.fetchWorkflow(r) },
            EmulatorRoute("POST", ws + "/Workflows/{Sid}") { (s, r) throws(EmulatorError) in try s.updateWorkflow(r) },
            EmulatorRoute("DELETE", ws + "/Workflows/{Sid}") { (s, r) throws(EmulatorError) in
                try s.deleteWorkflow(r)
            },

            EmulatorRoute("GET", ws + "/Workers") { (s, r) throws(EmulatorError) in try s.listWorkers(r) },
            EmulatorRoute("POST", ws + "/Workers") { (s, r) throws(EmulatorError) in try s.createWorker(r) },
            EmulatorRoute("GET", ws + "/Workers/{Sid}") { (s, r) throws(EmulatorError) in try s.fetchWorker(r) },
            EmulatorRoute("POST", ws + "/Workers/{Sid}") { (s, r) throws(EmulatorError) in try s.updateWorker(r) },
            EmulatorRoute("DELETE", ws + "/Workers/{Sid}") { (s, r) throws(EmulatorError) in try s.deleteWorker(r) },
            EmulatorRoute("GET", ws + "/Workers/{WorkerSid}/Reservations") { (s, r) throws(EmulatorError) in
                try s.listReservations(r)
            },
            EmulatorRoute("GET", ws + "/Workers/{WorkerSid}/Reservations/{Sid}") { (s, r) throws(EmulatorError) in
                try s.fetchReservation(r)
            },
            EmulatorRoute("POST", ws + "/Workers/{WorkerSid}/Reservations/{Sid}") { (s, r) throws(EmulatorError) in
                try s.updateReservation(r)
            },

            EmulatorRoute("GET", ws + "/Tasks") { (s, r) throws(EmulatorError) in try s.listTasks(r) },
            EmulatorRoute("POST", ws + "/Tasks") { (s, r) throws(EmulatorError) in try s.createTask(r) },
            EmulatorRoute("GET", ws + "/Tasks/{Sid}") { (s, r) throws(EmulatorError) in try s.fetchTask(r) },
            EmulatorRoute("POST", ws + "/Tasks/{Sid}") { (s, r) throws(EmulatorError) in try s.updateTask(r) },
            EmulatorRoute("DELETE", ws + "/Tasks/{Sid}") { (s, r) throws(EmulatorError) in try s.deleteTask(r) },
            EmulatorRoute("GET", ws + "/Tasks/{TaskSid}/Reservations") { (s, r) throws(EmulatorError) in
                try s.listReservations(r)
            },
            EmulatorRoute("GET", ws + "/Tasks/{TaskSid}/Reservations/{Sid}") { (s, r) throws(EmulatorError) in
                try s.fetchReservation(r)
            },
            EmulatorRoute("POST", ws + "/Tasks/{TaskSid}/Reservations/{Sid}") { (s, r) throws(EmulatorError) in
                try s.updateReservation(r)
            },
        ]
    }()

    /// The route for a method and path, or the methods the path allows (empty: no such path).
    static func find(_ method: String, _ path: String) -> (route: EmulatorRoute, parameters: [String: String])? {
        let parts = path.split(separator: "/").map(String.init)
        for route in all where route.method == method {
            if let parameters = route.match(parts) { return (route, parameters) }
        }
        return nil
    }

    static func allowedMethods(_ path: String) -> [String] {
        let parts = path.split(separator: "/").map(String.init)
        return Array(Set(all.filter { $0.match(parts) != nil }.map(\.method))).sorted()
    }
}
