/// How many `/v1` requests the emulator received since the last reset.
public struct EmulatorRequestCounts: Sendable, Equatable {
    /// Every `/v1` request, faulted ones included.
    public var total: Int = 0
    /// Requests answered with an injected fault.
    public var faulted: Int = 0
    /// By `"<METHOD> <path template>"`, e.g. `"POST /v1/Workspaces/{WorkspaceSid}/TaskQueues"`;
    /// a path that matches no route counts under its literal path.
    public var byRoute: [String: Int] = [:]

    public init() {}

    /// The count for one method and path template.
    public func count(_ method: String, _ template: String) -> Int { byRoute["\(method) \(template)"] ?? 0 }

    /// Requests whose method is not `GET`.
    public var writes: Int { byRoute.filter { !$0.key.hasPrefix("GET ") }.values.reduce(0, +) }
}
