import Foundation
import PairingAPI
import PairingStore
import Testing

@Suite struct AuthTests {
    @Test func missingUnknownAndRevokedKeysAre401() throws {
        let server = try TestServer()
        let none = try server.request("GET", server.configsPath, key: .some(nil))
        #expect(none.status == 401)
        #expect(none.header("WWW-Authenticate") == "Bearer")
        #expect(none.message.contains("X-API-KEY"))
        #expect(try server.request("GET", server.configsPath, key: "twpc_nope").status == 401)
        let key = APIKeyCrypto.generateKey()
        let record = try server.store.createAPIKey(companyID: server.company.id, hash: APIKeyCrypto.sha256Hex(key))
        #expect(try server.request("GET", server.configsPath, key: key).status == 200)
        #expect(try server.store.revokeAPIKey(id: record.id))
        #expect(try server.request("GET", server.configsPath, key: key).status == 401)
    }

    @Test func bearerWorksLikeTheHeader() throws {
        let server = try TestServer()
        let ok = try server.request(
            "GET", server.configsPath, key: .some(nil), headers: [("Authorization", "Bearer \(server.key)")])
        #expect(ok.status == 200)
        let basic = try server.request(
            "GET", server.configsPath, key: .some(nil), headers: [("Authorization", "Basic abc")])
        #expect(basic.status == 401)
    }

    @Test func anotherCompanysKeyIs403AndLeaksNothing() throws {
        let server = try TestServer()
        _ = try server.create(#"{"name":"secret routing","externalId":"hidden"}"#)
        for (method, suffix, body) in [
            ("GET", "", nil), ("POST", "", #"{"name":"x"}"#), ("GET", "/ext-hidden", nil),
            ("PUT", "/ext-hidden", #"{"name":"y"}"#), ("DELETE", "/ext-hidden", nil), ("GET", "/TP-0000-0000", nil),
        ] as [(String, String, String?)] {
            let response = try server.request(method, server.configsPath + suffix, body: body, key: server.otherKey)
            #expect(response.status == 403, "\(method) \(suffix)")
            #expect(!response.text.contains("secret"))
        }
        #expect(try server.request("GET", "\(server.configsPath)/ext-hidden").data["name"] == .string("secret routing"))
    }

    @Test func adminKeysWorkForEveryCompanyAndUnknownCompaniesAre404() throws {
        let server = try TestServer()
        #expect(try server.request("GET", server.configsPath, key: server.adminKey).status == 200)
        let other = "/companies/\(server.otherCompany.id)/task-worker-pairing-configs"
        #expect(try server.request("GET", other, key: server.adminKey).status == 200)
        #expect(
            try server.request("GET", "/companies/CP-NOPE-0000/task-worker-pairing-configs", key: server.adminKey)
                .status == 404)
        #expect(try server.request("GET", "/companies/CP-NOPE-0000/task-worker-pairing-configs").status == 403)
    }

    @Test func keysAreStoredOnlyAsHashesAndNeverLogged() throws {
        let server = try TestServer()
        _ = try server.request("GET", server.configsPath)
        _ = try server.request(
            "GET", server.configsPath, key: .some(nil), headers: [("Authorization", "Bearer \(server.key)")])
        let record = try #require(try server.store.apiKey(hash: APIKeyCrypto.sha256Hex(server.key)))
        #expect(record.hash != server.key)
        #expect(record.hash.count == 64)
        let log = server.log
        #expect(log.count >= 2)
        #expect(!log.joined().contains(server.key))
        let line = try #require(log.last)
        let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(entry?["company"] as? String == server.company.id)
        #expect(entry?["status"] as? Int == 200)
        #expect(entry?["method"] as? String == "GET")
        #expect(entry?["requestId"] as? String != nil)
        #expect(entry?["durationMs"] != nil)
    }

    @Test func generatedKeysAndHashes() {
        let key = APIKeyCrypto.generateKey()
        #expect(key.hasPrefix("twpc_"))
        #expect(key.count == 37)
        #expect(key.dropFirst(5).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(APIKeyCrypto.generateKey() != key)
        #expect(
            APIKeyCrypto.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(APIKeyCrypto.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!APIKeyCrypto.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!APIKeyCrypto.constantTimeEqual([1, 2], [1, 2, 3]))
    }
}

/// Ids carrying a NUL (or another control character) never reach a database driver that could cut them
/// short into a real id: they name nothing.
@Suite struct ControlCharacterIdTests {
    @Test func aCompanyIdWithANulNamesNoCompany() throws {
        let server = try TestServer()
        let aliased = "/companies/\(server.company.id)%00junk/task-worker-pairing-configs"
        #expect(try server.request("GET", aliased, key: server.adminKey).status == 404)
        #expect(try server.request("GET", aliased).status == 403)
        let long = "/companies/CP-" + String(repeating: "X", count: 70) + "/task-worker-pairing-configs"
        #expect(try server.request("GET", long, key: server.adminKey).status == 404)
        #expect(try server.request("GET", server.configsPath, key: server.adminKey).status == 200)
    }

    @Test func anExternalIdWithANulNamesNoConfig() throws {
        let server = try TestServer()
        _ = try server.create(#"{"name":"support email","externalId":"support-email"}"#)
        #expect(try server.request("GET", "\(server.configsPath)/ext-support-email").status == 200)
        #expect(try server.request("GET", "\(server.configsPath)/ext-support-email%00zzz").status == 404)
        #expect(try server.request("GET", "\(server.configsPath)/ext-support-email%0A").status == 404)
        let put = try server.request("PUT", "\(server.configsPath)/ext-support-email%00zzz", body: #"{"name":"x"}"#)
        #expect(put.status == 404)
        #expect(
            try server.request("GET", "\(server.configsPath)/ext-support-email").data["name"]
                == .string("support email"))
    }

    @Test func anExternalIdOf255CharactersWithCombiningMarksIsFound() throws {
        let server = try TestServer()
        let external = String(repeating: "e\u{301}", count: 255)  // 255 characters, 510 scalars
        let created = try server.create(#"{"name":"accents","externalId":"\#(external)"}"#)
        #expect(created.status == 200)
        let encoded = try #require(external.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        #expect(try server.request("GET", "\(server.configsPath)/ext-\(encoded)").data["name"] == .string("accents"))
    }
}

/// Ids echoed in messages show their control characters instead of hiding them.
@Suite struct EchoedIdTests {
    @Test func controlCharactersInEchoedIdsAreShownAsCodePoints() throws {
        let server = try TestServer()
        let company = try server.request(
            "GET", "/companies/\(server.company.id)%7F%C2%80/task-worker-pairing-configs", key: server.adminKey)
        #expect(company.status == 404)
        #expect(company.message == "No company \(server.company.id)U+007FU+0080.")
        let config = try server.request("GET", "\(server.configsPath)/ext-x%00y")
        #expect(config.status == 404)
        #expect(config.message.contains("ext-xU+0000y"))
        let route = try server.request("GET", "/nowhere%7F")
        #expect(route.status == 404 && route.message.contains("/nowhereU+007F"))
    }
}
