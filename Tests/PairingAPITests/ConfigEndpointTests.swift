import Foundation
import PairingAPI
import PairingCore
import PairingStore
import TaskRouterExpressions
import Testing

@Suite struct ConfigEndpointTests {
    @Test func createReturnsTheObjectInContractOrder() throws {
        let server = try TestServer()
        let response = try server.create(
            #"{"name":" Email support ","externalId":"email-1","priority":10,"workerMatch":{"isManager":true},"taskMatch":{"taskTypes":["replyToNewText"]}}"#
        )
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(response.header("ETag") == "\"1\"")
        #expect(response.header("X-Request-Id")?.isEmpty == false)
        let text = response.text
        #expect(text.hasPrefix(#"{"status":200,"message":"Success","data":{"id":"TP-"#))
        let order = [
            "\"id\"", "\"object\"", "\"externalId\"", "\"priority\"", "\"name\"", "\"companyId\"", "\"createdAt\"",
            "\"updatedAt\"", "\"deletedAt\"", "\"isDefault\"", "\"twilioWorkerQueueExpression\"", "\"workerMatch\"",
            "\"overrideTwilioWorkerQueueExpression\"", "\"taskMatch\"", "\"twilioTaskWorkflowExpression\"",
            "\"overrideTwilioTaskWorkflowExpression\"",
        ]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let data = response.data
        #expect(data["object"] == .string("taskWorkerPairingConfig"))
        #expect(data["name"] == .string("Email support"))
        #expect(data["companyId"] == .string(server.company.id))
        #expect(data["priority"] == .number(10))
        #expect(data["isDefault"] == .bool(false))
        #expect(data["updatedAt"] == .null)
        #expect(data["deletedAt"] == .null)
        #expect(data["twilioWorkerQueueExpression"] == .string(MatchCompiler.compile(WorkerMatch(isManager: true))))
        #expect(
            data["twilioTaskWorkflowExpression"]
                == .string(MatchCompiler.compile(TaskMatch(taskTypes: ["replyToNewText"]))))
        let id = try #require(data["id"]?.string)
        #expect(id.wholeMatch(of: /TP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/) != nil)
        let created = try #require(data["createdAt"]?.string)
        #expect(created.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00/) != nil)
    }

    @Test func matchesAreAlwaysObjectsWithAbsentFieldsOmitted() throws {
        let server = try TestServer()
        let data = try server.create(#"{"name":"bare"}"#).data
        #expect(data["workerMatch"] == .object([:]))
        #expect(data["taskMatch"] == .object([:]))
        #expect(data["overrideTwilioWorkerQueueExpression"] == .null)
    }

    @Test func overridesWinOverTheCompiledExpressions() throws {
        let server = try TestServer()
        let response = try server.create(
            #"{"name":"Email","overrideTwilioWorkerQueueExpression":"teamIds HAS \"TM-1\"","overrideTwilioTaskWorkflowExpression":"interactionMeta.recipients.emails HAS \"support@loans.acme.com\"","workerMatch":{"isManager":true}}"#
        )
        #expect(response.status == 200)
        #expect(response.data["twilioWorkerQueueExpression"] == .string(#"teamIds HAS "TM-1""#))
        #expect(
            response.data["twilioTaskWorkflowExpression"]
                == .string(#"interactionMeta.recipients.emails HAS "support@loans.acme.com""#))
    }

    @Test func invalidOverrideIs400WithPosition() throws {
        let server = try TestServer()
        let response = try server.create(#"{"name":"x","overrideTwilioWorkerQueueExpression":"teamIds HAS (("}"#)
        #expect(response.status == 400)
        #expect(response.errorFields == ["overrideTwilioWorkerQueueExpression"])
        let first = try #require(response.json["errors"]?.array.first)
        #expect(first["position"]?.int != nil)
    }

    @Test func lintFindingsAndUnknownEnumValuesComeBackAsWarnings() throws {
        let server = try TestServer()
        let response = try server.create(
            #"{"name":"x","overrideTwilioWorkerQueueExpression":"isManger == true","taskMatch":{"interaction":{"channels":["pigeon"]}}}"#
        )
        #expect(response.status == 200)
        let warnings = try #require(response.json["warnings"]?.array)
        let lint = try #require(warnings.first { $0["field"] == .string("overrideTwilioWorkerQueueExpression") })
        #expect(lint["message"]?.string?.contains("unknown-attribute") == true)
        #expect(lint["position"]?.int == 0)
        #expect(warnings.contains { $0["field"]?.string?.hasPrefix("taskMatch.interaction.channels") == true })
        let clean = try server.create(#"{"name":"y","overrideTwilioWorkerQueueExpression":"isManager == true"}"#)
        #expect(clean.json["warnings"] == nil)
        #expect(!clean.text.contains("warnings"))
    }

    @Test func getByEveryAnyIDForm() throws {
        let server = try TestServer()
        let data = try server.create(#"{"name":"x","externalId":"crm-42"}"#).data
        let id = try #require(data["id"]?.string)
        let numeric = try #require(try server.store.config(companyID: server.company.id, .publicID(id))?.numericID)
        for form in [id, "ext-crm-42", String(numeric)] {
            let response = try server.request("GET", "\(server.configsPath)/\(form)")
            #expect(response.status == 200, "form \(form)")
            #expect(response.data["id"] == .string(id))
            #expect(response.header("ETag") == "\"1\"")
        }
        #expect(try server.request("GET", "\(server.configsPath)/TP-ZZZZ-ZZZZ").status == 404)
        #expect(try server.request("GET", "\(server.configsPath)/ext-nope").status == 404)
        #expect(try server.request("GET", "\(server.configsPath)/999999").status == 404)
    }

    @Test func anotherCompanysConfigIsNotFound() throws {
        let server = try TestServer()
        let id = try #require(try server.create(#"{"name":"mine"}"#).data["id"]?.string)
        let other = "/companies/\(server.otherCompany.id)/task-worker-pairing-configs/\(id)"
        #expect(try server.request("GET", other, key: server.otherKey).status == 404)
        #expect(try server.request("GET", other, key: server.adminKey).status == 404)
        #expect(try server.request("DELETE", other, key: server.otherKey).status == 404)
        #expect(try server.request("GET", "\(server.configsPath)/\(id)").status == 200)
    }

    @Test func partialPutChangesOnlyTheGivenKeys() throws {
        let server = try TestServer()
        let created = try server.create(
            #"{"name":"Voice","externalId":"v1","priority":5,"workerMatch":{"isManager":false},"taskMatch":{"taskTypes":["answerInboundVoiceCall"]}}"#
        ).data
        let id = try #require(created["id"]?.string)
        let response = try server.request("PUT", "\(server.configsPath)/\(id)", body: #"{"priority":7}"#)
        #expect(response.status == 200)
        #expect(response.header("ETag") == "\"2\"")
        let data = response.data
        #expect(data["priority"] == .number(7))
        #expect(data["name"] == .string("Voice"))
        #expect(data["externalId"] == .string("v1"))
        #expect(data["workerMatch"] == created["workerMatch"])
        #expect(data["taskMatch"] == created["taskMatch"])
        #expect(data["createdAt"] == created["createdAt"])
        #expect(data["updatedAt"]?.string != nil)
        // null clears nullable fields; matches are replaced whole.
        let cleared = try server.request(
            "PUT", "\(server.configsPath)/\(id)", body: #"{"externalId":null,"priority":null,"taskMatch":{"not":true}}"#
        ).data
        #expect(cleared["externalId"] == .null)
        #expect(cleared["priority"] == .null)
        #expect(cleared["taskMatch"] == .object(["not": .bool(true)]))
    }

    @Test func aGetResponseCanBeSentBackAsIs() throws {
        let server = try TestServer()
        let id = try #require(try server.create(#"{"name":"roundtrip","priority":3}"#).data["id"]?.string)
        let got = try server.request("GET", "\(server.configsPath)/\(id)")
        let dataText = try #require(String(data: try JSONEncoder().encode(got.data), encoding: .utf8))
        let put = try server.request("PUT", "\(server.configsPath)/\(id)", body: dataText)
        #expect(put.status == 200)
        #expect(put.data["name"] == .string("roundtrip"))
        #expect(put.data["id"] == .string(id))
    }

    @Test func ifMatchGuardsUpdatesAndDeletes() throws {
        let server = try TestServer()
        let id = try #require(try server.create(#"{"name":"etag"}"#).data["id"]?.string)
        let path = "\(server.configsPath)/\(id)"
        let stale = try server.request("PUT", path, body: #"{"name":"a"}"#, headers: [("If-Match", "\"7\"")])
        #expect(stale.status == 412)
        #expect(stale.header("ETag") == "\"1\"")
        let fresh = try server.request("PUT", path, body: #"{"name":"b"}"#, headers: [("If-Match", "\"1\"")])
        #expect(fresh.status == 200)
        #expect(fresh.header("ETag") == "\"2\"")
        #expect(try server.request("PUT", path, body: #"{"name":"c"}"#, headers: [("If-Match", "*")]).status == 200)
        #expect(try server.request("DELETE", path, headers: [("If-Match", "\"1\"")]).status == 412)
        #expect(try server.request("GET", path).data["name"] == .string("c"))
        #expect(try server.request("DELETE", path, headers: [("If-Match", "W/\"3\"")]).status == 204)
    }

    @Test func deleteIsSoftAndFreesTheExternalID() throws {
        let server = try TestServer()
        let id = try #require(try server.create(#"{"name":"gone","externalId":"dup"}"#).data["id"]?.string)
        let duplicate = try server.create(#"{"name":"again","externalId":"dup"}"#)
        #expect(duplicate.status == 409)
        #expect(duplicate.errorFields == ["externalId"])
        let deleted = try server.request("DELETE", "\(server.configsPath)/\(id)")
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        #expect(deleted.header("X-Request-Id") != nil)
        #expect(try server.request("GET", "\(server.configsPath)/\(id)").status == 404)
        #expect(try server.request("DELETE", "\(server.configsPath)/\(id)").status == 404)
        #expect(try server.request("GET", server.configsPath).ids.contains(id) == false)
        #expect(try server.create(#"{"name":"again","externalId":"dup"}"#).status == 200)
    }

    @Test func duplicateExternalIDOnUpdateIs409() throws {
        let server = try TestServer()
        _ = try server.create(#"{"name":"a","externalId":"one"}"#)
        let id = try #require(try server.create(#"{"name":"b","externalId":"two"}"#).data["id"]?.string)
        #expect(try server.request("PUT", "\(server.configsPath)/\(id)", body: #"{"externalId":"one"}"#).status == 409)
    }

    @Test func theDefaultConfigFollowsItsRules() throws {
        let server = try TestServer()
        let list = try server.request("GET", server.configsPath)
        #expect(list.json["count"] == .number(1))
        let defaultConfig = try #require(list.json["data"]?.array.first)
        #expect(defaultConfig["isDefault"] == .bool(true))
        #expect(defaultConfig["priority"] == .null)
        #expect(defaultConfig["twilioTaskWorkflowExpression"] == .null)
        let id = try #require(defaultConfig["id"]?.string)
        let path = "\(server.configsPath)/\(id)"
        let delete = try server.request("DELETE", path)
        #expect(delete.status == 409)
        #expect(delete.message.contains("default"))
        #expect(try server.request("PUT", path, body: #"{"priority":1}"#).errorFields == ["priority"])
        #expect(
            try server.request("PUT", path, body: #"{"taskMatch":{"taskTypes":["reviewVoicemail"]}}"#).errorFields == [
                "taskMatch"
            ])
        #expect(
            try server.request("PUT", path, body: #"{"overrideTwilioTaskWorkflowExpression":"1==1"}"#).errorFields == [
                "overrideTwilioTaskWorkflowExpression"
            ])
        let renamed = try server.request(
            "PUT", path, body: #"{"name":"Everyone else","priority":null,"workerMatch":{"isManager":false}}"#)
        #expect(renamed.status == 200)
        #expect(renamed.data["name"] == .string("Everyone else"))
        #expect(renamed.data["isDefault"] == .bool(true))
        #expect(try server.request("GET", path).data["priority"] == .null)
    }

    @Test func theThousandAndFirstConfigIs409() throws {
        let server = try TestServer()
        // The default config counts; fill up to 999 through the store, the 1000th through the API.
        for index in 0..<998 {
            _ = try server.store.createConfig(
                companyID: server.company.id, NewPairingConfig(name: "bulk \(index)"), limit: 1000)
        }
        #expect(try server.create(#"{"name":"number 1000"}"#).status == 200)
        let over = try server.create(#"{"name":"number 1001"}"#)
        #expect(over.status == 409)
        #expect(over.message.contains("1000"))
        // The other company is unaffected.
        let other = try server.request(
            "POST", "/companies/\(server.otherCompany.id)/task-worker-pairing-configs", body: #"{"name":"fine"}"#,
            key: server.otherKey)
        #expect(other.status == 200)
    }
}
