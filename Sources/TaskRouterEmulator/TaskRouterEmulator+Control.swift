import Foundation
import HTTPServer
import TaskRouterExpressions

/// The control endpoints outside `/v1` (never faulted, never counted):
/// `/emulator/faults`, `/emulator/latency`, `/emulator/requests`.
extension TaskRouterEmulator {
    func respondToControl(_ request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/emulator/faults"):
            return .json(200, TaskRouterEmulator.encode(faultsJSON()))
        case ("POST", "/emulator/faults"):
            guard let body = try? JSONDecoder().decode(JSONValue.self, from: Data(request.body)),
                case .string(let kind)? = body["kind"]
            else {
                return TaskRouterEmulator.response(
                    .badParameter(
                        "Expected a JSON body {\"kind\": \"429\"|\"429-retry-after\"|\"500\"|\"drop\", \"count\": N}"))
            }
            var count = 1
            if let value = body["count"] {
                guard case .number(let number) = value, number >= 1, number <= 1_000_000, number.rounded() == number
                else { return TaskRouterEmulator.response(.badParameter("'count' must be a positive integer")) }
                count = Int(number)
            }
            var retryAfter = 1
            if let value = body["retryAfter"] {
                guard case .number(let number) = value, number >= 0, number <= 86_400, number.rounded() == number
                else {
                    return TaskRouterEmulator.response(.badParameter("'retryAfter' must be a whole number of seconds"))
                }
                retryAfter = Int(number)
            }
            guard let fault = EmulatorFault(kind: kind, retryAfter: retryAfter) else {
                return TaskRouterEmulator.response(
                    .badParameter("Unknown fault kind '\(kind)': expected 429, 429-retry-after, 500 or drop"))
            }
            injectFault(fault, count: count)
            return .json(201, TaskRouterEmulator.encode(faultsJSON()))
        case ("DELETE", "/emulator/faults"):
            clearFaults()
            return HTTPResponse(status: 204)
        case ("GET", "/emulator/latency"):
            return .json(200, TaskRouterEmulator.encode(latencyJSON()))
        case ("POST", "/emulator/latency"), ("PUT", "/emulator/latency"):
            guard let body = try? JSONDecoder().decode(JSONValue.self, from: Data(request.body)),
                case .number(let ms)? = body["ms"], ms >= 0, ms <= 60_000, ms.rounded() == ms
            else {
                return TaskRouterEmulator.response(.badParameter("Expected a JSON body {\"ms\": 0..60000}"))
            }
            setLatency(milliseconds: Int(ms))
            return .json(200, TaskRouterEmulator.encode(latencyJSON()))
        case ("DELETE", "/emulator/latency"):
            setLatency(milliseconds: 0)
            return HTTPResponse(status: 204)
        case ("GET", "/emulator/requests"):
            let counts = requestCounts
            return .json(
                200,
                TaskRouterEmulator.encode(
                    .object([
                        "total": .number(Double(counts.total)),
                        "faulted": .number(Double(counts.faulted)),
                        "byRoute": .object(counts.byRoute.mapValues { .number(Double($0)) }),
                    ])))
        case ("DELETE", "/emulator/requests"):
            resetRequestCounts()
            return HTTPResponse(status: 204)
        default:
            let known = ["/emulator/faults", "/emulator/latency", "/emulator/requests"]
            if known.contains(request.path) {
                return TaskRouterEmulator.response(
                    EmulatorError(status: 405, code: 20004, message: "Method not allowed"))
            }
            return TaskRouterEmulator.response(.notFound(request.path))
        }
    }

    private func faultsJSON() -> JSONValue {
        control.withLock { control in
            .object([
                "faults": .array(
                    control.faults.map { pending in
                        var members: [String: JSONValue] = [
                            "kind": .string(pending.fault.kind), "remaining": .number(Double(pending.remaining)),
                        ]
                        if case .tooManyRequestsRetryAfter(let seconds) = pending.fault {
                            members["retryAfter"] = .number(Double(seconds))
                        }
                        return .object(members)
                    })
            ])
        }
    }

    private func latencyJSON() -> JSONValue {
        .object(["ms": .number(Double(control.withLock { $0.latencyMilliseconds }))])
    }
}
