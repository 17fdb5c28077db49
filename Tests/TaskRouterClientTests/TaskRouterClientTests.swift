import Foundation
import Testing

@testable import TaskRouterClient

private let queueJSON = #"{"sid":"WQ1","friendly_name":"TWPC a","target_workers":"1==1","workspace_sid":"WS1"}"#
private let credentials = TaskRouterCredentials.authToken(accountSID: "AC123", authToken: "secret")

@Suite("TaskRouter client")
struct TaskRouterClientTests {
    @Test("create sends Basic auth and a form body with Twilio's parameter names")
    func createRequest() async throws {
        let transport = ScriptedTransport { _, _ in ScriptedTransport.json(201, queueJSON) }
        let client = TaskRouterClient(baseURL: "http://host:1/", credentials: credentials, transport: transport)
        let queue = try await client.createTaskQueue(
            workspaceSID: "WS1", friendlyName: "TWPC TP-1 A & B+C", targetWorkers: "teams HAS 'x' AND a == \"é\"")
        #expect(
            queue == TaskRouterTaskQueue(sid: "WQ1", friendlyName: "TWPC a", targetWorkers: "1==1", workspaceSID: "WS1")
        )
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url == "http://host:1/v1/Workspaces/WS1/TaskQueues")
        #expect(request.headers["Authorization"] == "Basic " + Data("AC123:secret".utf8).base64EncodedString())
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(
            body
                == "FriendlyName=TWPC%20TP-1%20A%20%26%20B%2BC&TargetWorkers=teams%20HAS%20%27x%27%20AND%20a%20%3D%3D%20%22%C3%A9%22"
        )
        #expect(client.requestCount == 1)
    }

    @Test("API key credentials authenticate as key SID and secret")
    func apiKey() {
        let header = TaskRouterCredentials.apiKey(sid: "SK1", secret: "s3").authorizationHeader
        #expect(header == "Basic " + Data("SK1:s3".utf8).base64EncodedString())
    }

    @Test("lists follow next_page_url until null")
    func paging() async throws {
        let transport = ScriptedTransport { request, index in
            let next =
                index < 2 ? "\"http://host:1/v1/Workspaces/WS1/TaskQueues?PageSize=1&Page=\(index + 1)\"" : "null"
            return ScriptedTransport.json(
                200,
                #"{"task_queues":[{"sid":"WQ\#(index)","friendly_name":"q\#(index)","target_workers":null}],"meta":{"key":"task_queues","next_page_url":\#(next)}}"#
            )
        }
        let client = TaskRouterClient(baseURL: "http://host:1", credentials: credentials, transport: transport)
        let queues = try await client.listTaskQueues(workspaceSID: "WS1")
        #expect(queues.map(\.sid) == ["WQ0", "WQ1", "WQ2"])
        #expect(queues[0].targetWorkers == nil)
        #expect(
            transport.requests.map(\.url) == [
                "http://host:1/v1/Workspaces/WS1/TaskQueues?PageSize=1000",
                "http://host:1/v1/Workspaces/WS1/TaskQueues?PageSize=1&Page=1",
                "http://host:1/v1/Workspaces/WS1/TaskQueues?PageSize=1&Page=2",
            ])
    }

    @Test("a Twilio error body becomes a TaskRouterError; 4xx is not retried")
    func errorBody() async {
        let transport = ScriptedTransport { _, _ in
            ScriptedTransport.json(
                400,
                #"{"code":20001,"message":"Invalid TargetWorkers","more_info":"https://www.twilio.com/docs/errors/20001","status":400}"#
            )
        }
        let sleeper = RecordingSleeper()
        let client = TaskRouterClient(
            baseURL: "http://host:1", credentials: credentials, transport: transport, retry: sleeper.policy())
        do {
            _ = try await client.createTaskQueue(workspaceSID: "WS1", friendlyName: "x", targetWorkers: "((")
            Issue.record("expected an error")
        } catch {
            #expect(error.status == 400)
            #expect(error.code == 20001)
            #expect(error.message == "Invalid TargetWorkers")
            #expect(error.moreInfo == "https://www.twilio.com/docs/errors/20001")
            #expect(!error.isRetryable)
        }
        #expect(transport.requests.count == 1)
        #expect(sleeper.delays.isEmpty)
    }

    @Test("429, 500 and dropped connections are retried with exponential backoff, Retry-After honoured")
    func retries() async throws {
        let transport = ScriptedTransport { _, index in
            switch index {
            case 0: ScriptedTransport.json(429, #"{"code":20429,"message":"Too Many Requests","status":429}"#)
            case 1:
                ScriptedTransport.json(
                    429, #"{"code":20429,"message":"slow down","status":429}"#, headers: ["Retry-After": "3"])
            case 2: ScriptedTransport.json(500, "oops")
            case 3: .failure(TaskRouterTransportError("connection reset"))
            default: ScriptedTransport.json(200, queueJSON)
            }
        }
        let sleeper = RecordingSleeper()
        let client = TaskRouterClient(
            baseURL: "http://host:1", credentials: credentials, transport: transport, retry: sleeper.policy())
        let queue = try await client.fetchTaskQueue(workspaceSID: "WS1", sid: "WQ1")
        #expect(queue.sid == "WQ1")
        #expect(transport.requests.count == 5)
        #expect(client.requestCount == 5)
        // base 100 ms doubling, jitter 0.5 with random 0.5 -> 75%; attempt 2 asked for 3 s.
        #expect(sleeper.delays == [.milliseconds(75), .seconds(3), .milliseconds(300), .milliseconds(600)])
    }

    @Test("gives up after the attempt cap with the last error")
    func attemptCap() async {
        let transport = ScriptedTransport { _, _ in ScriptedTransport.json(503, #"{"code":20503,"message":"busy"}"#) }
        let sleeper = RecordingSleeper()
        let client = TaskRouterClient(
            baseURL: "http://host:1", credentials: credentials, transport: transport, retry: sleeper.policy())
        await #expect(throws: TaskRouterError(status: 503, code: 20503, message: "busy")) {
            _ = try await client.fetchWorkflow(workspaceSID: "WS1", sid: "WW1")
        }
        #expect(transport.requests.count == 5)
        #expect(sleeper.delays.count == 4)
    }

    @Test("a Retry-After beyond the deadline ends the request at once")
    func deadline() async {
        let transport = ScriptedTransport { _, _ in
            ScriptedTransport.json(429, #"{"code":20429,"message":"later"}"#, headers: ["Retry-After": "120"])
        }
        let sleeper = RecordingSleeper()
        let client = TaskRouterClient(
            baseURL: "http://host:1", credentials: credentials, transport: transport,
            retry: sleeper.policy(deadline: .seconds(60)))
        await #expect(throws: TaskRouterError.self) {
            try await client.deleteTaskQueue(workspaceSID: "WS1", sid: "WQ1")
        }
        #expect(transport.requests.count == 1)
        #expect(sleeper.delays.isEmpty)
    }

    @Test("an overall deadline in the past stops requests before they start")
    func overallDeadline() async {
        let transport = ScriptedTransport { _, _ in ScriptedTransport.json(200, queueJSON) }
        let client = TaskRouterClient(
            baseURL: "http://host:1", credentials: credentials, transport: transport,
            deadline: ContinuousClock.now - .seconds(1))
        await #expect(throws: TaskRouterError.self) {
            _ = try await client.fetchTaskQueue(workspaceSID: "WS1", sid: "WQ1")
        }
        #expect(transport.requests.isEmpty)
    }

    @Test("updates send only the given fields; ReEvaluateTasks as true")
    func partialUpdate() async throws {
        let transport = ScriptedTransport { _, _ in
            ScriptedTransport.json(200, #"{"sid":"WW1","friendly_name":"w","configuration":"{}"}"#)
        }
        let client = TaskRouterClient(baseURL: "http://host:1", credentials: credentials, transport: transport)
        _ = try await client.updateWorkflow(
            workspaceSID: "WS1", sid: "WW1", configuration: "{\"a\":1}", reEvaluateTasks: true)
        #expect(
            String(decoding: transport.requests[0].body, as: UTF8.self)
                == "Configuration=%7B%22a%22%3A1%7D&ReEvaluateTasks=true")
        #expect(transport.requests[0].url == "http://host:1/v1/Workspaces/WS1/Workflows/WW1")
    }

    @Test("an unparsable success body is an error naming it")
    func badBody() async {
        let transport = ScriptedTransport { _, _ in ScriptedTransport.json(200, "<html>") }
        let client = TaskRouterClient(baseURL: "http://host:1", credentials: credentials, transport: transport)
        await #expect(throws: TaskRouterError.self) {
            _ = try await client.fetchTask(workspaceSID: "WS1", sid: "WT1")
        }
    }

    @Test("URLSession transport reports a refused connection as a transport error")
    func refused() async throws {
        // Port 1 on loopback: nothing listens there.
        let transport = URLSessionTransport()
        await #expect(throws: TaskRouterTransportError.self) {
            _ = try await transport.send(
                TaskRouterHTTPRequest(method: "GET", url: "http://127.0.0.1:1/v1/Workspaces", timeout: 5))
        }
    }
}
