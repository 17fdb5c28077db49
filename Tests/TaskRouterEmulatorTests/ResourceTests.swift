import Foundation
import TaskRouterExpressions
import Testing

@testable import TaskRouterEmulator

@Suite("TaskRouterEmulator resources")
struct ResourceTests {
    @Test func workspaceCRUDWithDefaultActivities() throws {
        let client = EmulatorTestClient.make()
        let created = client.post("/v1/Workspaces", [("FriendlyName", "Acme")])
        #expect(created.status == 201)
        let sid = try #require(created.string("sid"))
        #expect(SIDGenerator.isValid(sid, prefix: "WS"))
        #expect(created.string("account_sid") == EmulatorTestClient.account)
        #expect(created.string("url") == "http://emulator.test:8090/v1/Workspaces/\(sid)")
        #expect(created.string("date_created") == "2026-05-28T20:26:40Z")
        #expect(created.string("default_activity_name") == "Offline")
        #expect(
            created["links"]?["task_queues"] == .string("http://emulator.test:8090/v1/Workspaces/\(sid)/TaskQueues"))

        let activities = client.get("/v1/Workspaces/\(sid)/Activities")
        #expect(activities.status == 200)
        let names = activities.list("activities").compactMap { item -> String? in
            if case .string(let name)? = item["friendly_name"] { return name }
            return nil
        }
        #expect(names == ["Offline", "Available"])
        #expect(activities.list("activities").map { $0["available"] } == [.bool(false), .bool(true)])

        let updated = client.post("/v1/Workspaces/\(sid)", [("FriendlyName", "Acme 2")])
        #expect(updated.status == 200)
        #expect(updated.string("friendly_name") == "Acme 2")
        #expect(client.get("/v1/Workspaces/\(sid)").string("friendly_name") == "Acme 2")
        #expect(client.get("/v1/Workspaces").list("workspaces").count == 1)
        #expect(client.delete("/v1/Workspaces/\(sid)").status == 204)
        let gone = client.get("/v1/Workspaces/\(sid)")
        #expect(gone.status == 404)
        #expect(gone.code == 20404)
    }

    @Test func taskQueueCRUD() throws {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        let defaulted = client.post(ws + "/TaskQueues", [("FriendlyName", "Everyone")])
        #expect(defaulted.status == 201)
        #expect(defaulted.string("target_workers") == "1==1")
        #expect(defaulted.string("task_order") == "FIFO")
        let created = client.post(
            ws + "/TaskQueues", [("FriendlyName", "Spanish"), ("TargetWorkers", "languages HAS \"es\"")])
        let sid = try #require(created.string("sid"))
        #expect(SIDGenerator.isValid(sid, prefix: "WQ"))
        #expect(created.string("target_workers") == "languages HAS \"es\"")
        #expect(client.get(ws + "/TaskQueues/\(sid)").string("friendly_name") == "Spanish")
        let byName = client.get(ws + "/TaskQueues", [("FriendlyName", "Spanish")]).list("task_queues")
        #expect(byName.count == 1)
        let updated = client.post(ws + "/TaskQueues/\(sid)", [("TargetWorkers", "1==1"), ("FriendlyName", "All")])
        #expect(updated.status == 200)
        #expect(updated.string("target_workers") == "1==1")
        #expect(updated.string("friendly_name") == "All")
        #expect(client.delete(ws + "/TaskQueues/\(sid)").status == 204)
        #expect(client.get(ws + "/TaskQueues/\(sid)").code == 20404)
        #expect(client.get(ws + "/TaskQueues").list("task_queues").count == 1)
    }

    @Test func missingFriendlyNameIs20001() {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        let reply = client.post(ws + "/TaskQueues", [("TargetWorkers", "1==1")])
        #expect(reply.status == 400)
        #expect(reply.code == 20001)
        #expect(reply.message.contains("FriendlyName"))
        #expect(reply.string("more_info") == "https://www.twilio.com/docs/errors/20001")
        #expect(reply["status"] == .number(400))
    }

    @Test func workflowCRUDAndConfigurationValidation() throws {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        let queue = try #require(client.post(ws + "/TaskQueues", [("FriendlyName", "Q")]).string("sid"))
        let configuration = #"{"task_routing":{"filters":[],"default_filter":{"queue":"\#(queue)"}}}"#
        let created = client.post(ws + "/Workflows", [("FriendlyName", "Main"), ("Configuration", configuration)])
        #expect(created.status == 201)
        let sid = try #require(created.string("sid"))
        #expect(created.string("configuration") == configuration)
        #expect(created.string("document_content_type") == "application/json")
        #expect(client.get(ws + "/Workflows/\(sid)").string("friendly_name") == "Main")
        #expect(client.get(ws + "/Workflows").list("workflows").count == 1)

        let notJSON = client.post(ws + "/Workflows", [("FriendlyName", "Bad"), ("Configuration", "{nope")])
        #expect(notJSON.status == 400)
        #expect(notJSON.code == 20001)
        #expect(notJSON.message.contains("JSON"))

        let noRouting = client.post(ws + "/Workflows", [("FriendlyName", "Bad"), ("Configuration", "{}")])
        #expect(noRouting.code == 20001)
        #expect(noRouting.message.contains("task_routing"))

        let unknownQueue = "WQ" + String(repeating: "0", count: 32)
        let badQueue = client.post(
            ws + "/Workflows",
            [
                ("FriendlyName", "Bad"),
                ("Configuration", #"{"task_routing":{"default_filter":{"queue":"\#(unknownQueue)"}}}"#),
            ])
        #expect(badQueue.status == 400)
        #expect(badQueue.message.contains(unknownQueue))
        #expect(client.get(ws + "/Workflows").list("workflows").count == 1)

        let renamed = client.post(ws + "/Workflows/\(sid)", [("FriendlyName", "Renamed")])
        #expect(renamed.string("friendly_name") == "Renamed")
        #expect(renamed.string("configuration") == configuration)
        #expect(client.delete(ws + "/Workflows/\(sid)").status == 204)
        #expect(client.get(ws + "/Workflows/\(sid)").status == 404)
    }

    @Test func workerCRUD() throws {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        let available = client.activity(ws, "Available")
        let created = client.post(
            ws + "/Workers", [("FriendlyName", "alice"), ("Attributes", #"{"team":"a"}"#), ("ActivitySid", available)])
        #expect(created.status == 201)
        let sid = try #require(created.string("sid"))
        #expect(created.string("attributes") == #"{"team":"a"}"#)
        #expect(created["available"] == .bool(true))
        #expect(created.string("activity_name") == "Available")

        let duplicate = client.post(ws + "/Workers", [("FriendlyName", "ALICE")])
        #expect(duplicate.code == 20001)
        #expect(duplicate.status == 409)

        let badAttributes = client.post(ws + "/Workers", [("FriendlyName", "bob"), ("Attributes", "[1]")])
        #expect(badAttributes.status == 400)
        #expect(badAttributes.message.contains("Attributes"))

        let bob = client.post(ws + "/Workers", [("FriendlyName", "bob")])
        #expect(bob["available"] == .bool(false))
        #expect(bob.string("attributes") == "{}")

        let list = client.get(ws + "/Workers")
        #expect(list.list("workers").count == 2)
        #expect(list.list("workers").allSatisfy { $0["attributes"] == .null })
        #expect(client.get(ws + "/Workers/\(sid)").string("attributes") == #"{"team":"a"}"#)
        #expect(client.get(ws + "/Workers", [("Available", "True")]).list("workers").count == 1)
        #expect(client.get(ws + "/Workers", [("ActivityName", "Offline")]).list("workers").count == 1)

        let updated = client.post(ws + "/Workers/\(sid)", [("Attributes", #"{"team":"b"}"#)])
        #expect(updated.string("attributes") == #"{"team":"b"}"#)
        #expect(client.delete(ws + "/Workers/\(sid)").status == 204)
        #expect(client.get(ws + "/Workers/\(sid)").status == 404)
    }

    @Test func taskCRUD() throws {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        let queue = try #require(client.post(ws + "/TaskQueues", [("FriendlyName", "Q")]).string("sid"))
        let noWorkflow = client.post(ws + "/Tasks", [("Attributes", "{}")])
        #expect(noWorkflow.status == 400)
        #expect(noWorkflow.message.contains("WorkflowSid"))
        let configuration = #"{"task_routing":{"default_filter":{"queue":"\#(queue)"}}}"#
        let workflow = try #require(
            client.post(ws + "/Workflows", [("FriendlyName", "W"), ("Configuration", configuration)]).string("sid"))

        let created = client.post(ws + "/Tasks", [("Attributes", #"{"type":"loan"}"#), ("Priority", "5")])
        #expect(created.status == 201)
        let sid = try #require(created.string("sid"))
        #expect(created.string("workflow_sid") == workflow)
        #expect(created.string("task_queue_sid") == queue)
        #expect(created.string("assignment_status") == "pending")
        #expect(created["priority"] == .number(5))
        #expect(client.get(ws + "/Tasks/\(sid)").string("attributes") == #"{"type":"loan"}"#)
        #expect(client.get(ws + "/Tasks", [("AssignmentStatus", "pending")]).list("tasks").count == 1)
        #expect(client.get(ws + "/Tasks", [("AssignmentStatus", "assigned")]).list("tasks").isEmpty)

        let canceled = client.post(ws + "/Tasks/\(sid)", [("AssignmentStatus", "canceled"), ("Reason", "test")])
        #expect(canceled.string("assignment_status") == "canceled")
        #expect(canceled.string("reason") == "test")
        let badTransition = client.post(ws + "/Tasks/\(sid)", [("AssignmentStatus", "completed")])
        #expect(badTransition.status == 400)
        #expect(badTransition.code == 20001)
        #expect(client.delete(ws + "/Tasks/\(sid)").status == 204)
        #expect(client.get(ws + "/Tasks/\(sid)").status == 404)
    }

    @Test func queueDeleteRefusedWithPendingTasksOrWorkflowReference() throws {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        let queue = try #require(client.post(ws + "/TaskQueues", [("FriendlyName", "Q")]).string("sid"))
        let other = try #require(client.post(ws + "/TaskQueues", [("FriendlyName", "Other")]).string("sid"))
        let configuration = #"{"task_routing":{"default_filter":{"queue":"\#(queue)"}}}"#
        let workflow = try #require(
            client.post(ws + "/Workflows", [("FriendlyName", "W"), ("Configuration", configuration)]).string("sid"))
        _ = client.post(ws + "/Tasks", [("Attributes", "{}")])
        let referenced = client.delete(ws + "/TaskQueues/\(queue)")
        #expect(referenced.status == 400)
        #expect(referenced.code == 20001)

        // Point the workflow elsewhere without re-evaluating: the task still waits in the queue.
        let moved = #"{"task_routing":{"default_filter":{"queue":"\#(other)"}}}"#
        _ = client.post(ws + "/Workflows/\(workflow)", [("Configuration", moved)])
        let withTask = client.delete(ws + "/TaskQueues/\(queue)")
        #expect(withTask.status == 400)
        #expect(withTask.message.contains("pending"))
        #expect(client.get(ws + "/TaskQueues/\(queue)").status == 200)

        _ = client.post(ws + "/Workflows/\(workflow)", [("Configuration", moved), ("ReEvaluateTasks", "true")])
        #expect(client.delete(ws + "/TaskQueues/\(queue)").status == 204)
    }

    @Test func authFailuresAre401With20003() {
        var client = EmulatorTestClient.make()
        client.password = "wrong"
        let reply = client.get("/v1/Workspaces")
        #expect(reply.status == 401)
        #expect(reply.code == 20003)
        #expect(reply.header("WWW-Authenticate")?.hasPrefix("Basic") == true)
        client.user = "SK" + String(repeating: "1", count: 32)
        client.password = "secret"
        #expect(client.get("/v1/Workspaces").status == 401)
        client.emulator.addAPIKey(sid: client.user, secret: "secret")
        #expect(client.get("/v1/Workspaces").status == 200)
    }

    @Test func unknownPathsAndMethods() {
        let client = EmulatorTestClient.make()
        let ws = client.workspace()
        #expect(client.get(ws + "/Nothing").code == 20404)
        #expect(client.get("/v2/Workspaces").status == 404)
        let method = client.send("PUT", ws + "/TaskQueues")
        #expect(method.status == 405)
        #expect(method.header("Allow") == "GET, POST")
        #expect(client.get("/v1/Workspaces/WSnope/TaskQueues").code == 20404)
    }
}
