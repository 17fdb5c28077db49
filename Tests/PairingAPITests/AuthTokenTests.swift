import Foundation
import PairingAPI
import PairingCore
import PairingStore
import Testing

/// `POST /auth/token`: an API key exchanged for a signed token valid one hour, accepted as a bearer
/// credential, refused when expired, tampered with, signed by another key, or when its key is revoked.
@Suite struct AuthTokenTests {
    func exchange(_ server: TestServer, key: String?? = .none, headers: [(String, String)] = []) throws -> TestResponse
    {
        try server.request("POST", AuthTokenController.path, key: key, headers: headers)
    }

    func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

    @Test func aKeyIsExchangedForATokenThatWorksAsBearer() throws {
        let server = try TestServer()
        let before = Int64(Date().timeIntervalSince1970)
        let response = try exchange(server)
        #expect(response.status == 200, "\(response.text)")
        #expect(response.json["message"] == .string("Success"))
        let data = try #require(response.json["data"])
        let token = try #require(data["token"]?.string)
        #expect(token.hasPrefix("twpct."))
        #expect(data["companyId"] == .string(server.company.id))
        #expect(data["tokenType"] == .string("Bearer"))
        #expect(data["expiresIn"] == .number(3600))
        let expiresText = try #require(data["expiresAt"]?.string)
        let expiresAt = try #require(ISO8601DateFormatter().date(from: String(expiresText.prefix(19)) + "Z"))
        #expect(abs(Int64(expiresAt.timeIntervalSince1970) - (before + 3600)) <= 5, "\(expiresText)")
        #expect(!response.text.contains(server.key))

        let listed = try server.request("GET", server.configsPath, key: .some(nil), headers: bearer(token))
        #expect(listed.status == 200, "\(listed.text)")
        let other = try server.request(
            "GET", "/companies/\(server.otherCompany.id)/task-worker-pairing-configs", key: .some(nil),
            headers: bearer(token))
        #expect(other.status == 403)
        // The Bearer form of the key works for the exchange too; a token cannot be exchanged again.
        #expect(try exchange(server, key: .some(nil), headers: bearer(server.key)).status == 200)
        #expect(try exchange(server, key: .some(nil), headers: bearer(token)).status == 401)
    }

    @Test func missingOrUnknownKeysGetNoToken() throws {
        let server = try TestServer()
        let none = try exchange(server, key: .some(nil))
        #expect(none.status == 401)
        #expect(none.header("WWW-Authenticate") == "Bearer")
        #expect(try exchange(server, key: "nope").status == 401)
        let admin = try exchange(server, key: server.adminKey)
        #expect(admin.status == 200)
        #expect(admin.json["data"]?["companyId"] == .null)
    }

    @Test func expiredTamperedAndForeignTokensAre401() throws {
        let server = try TestServer()
        let token = try #require(try exchange(server).json["data"]?["token"]?.string)
        let hash = APIKeyCrypto.sha256Hex(server.key)
        let signer = server.app.authenticator.tokens
        let now = Int64(Date().timeIntervalSince1970)
        let expired = signer.issue(keyHash: hash, expiresAt: now - 1)
        let fresh = signer.issue(keyHash: hash, expiresAt: now + 60)
        #expect(try server.request("GET", server.configsPath, key: .some(nil), headers: bearer(fresh)).status == 200)
        let expiredAnswer = try server.request("GET", server.configsPath, key: .some(nil), headers: bearer(expired))
        #expect(expiredAnswer.status == 401)
        #expect(expiredAnswer.message.contains("expired"))
        // A longer expiry with the old signature, a flipped signature character, another process's key.
        let parts = token.dropFirst("twpct.".count).split(separator: ".")
        let longer = AuthTokenSigner.random().issue(keyHash: hash, expiresAt: now + 7200)
        let forged = "twpct." + longer.dropFirst("twpct.".count).split(separator: ".")[0] + "." + parts[1]
        var flipped = Array(token)
        flipped[flipped.count - 2] = flipped[flipped.count - 2] == "A" ? "B" : "A"
        for bad in [forged, String(flipped), longer, "twpct.", "twpct.a.b", token + "x"] {
            let answer = try server.request("GET", server.configsPath, key: .some(nil), headers: bearer(bad))
            #expect(answer.status == 401, "\(bad): \(answer.text)")
        }
        #expect(try server.request("GET", server.configsPath, key: .some(nil), headers: bearer(token)).status == 200)
    }

    @Test func revokingTheKeyEndsItsTokens() throws {
        let server = try TestServer()
        let key = APIKeyCrypto.generateKey()
        let record = try server.store.createAPIKey(companyID: server.company.id, hash: APIKeyCrypto.sha256Hex(key))
        let token = try #require(try exchange(server, key: key).json["data"]?["token"]?.string)
        #expect(try server.request("GET", server.configsPath, key: .some(nil), headers: bearer(token)).status == 200)
        #expect(try server.store.revokeAPIKey(id: record.id))
        let answer = try server.request("GET", server.configsPath, key: .some(nil), headers: bearer(token))
        #expect(answer.status == 401)
        #expect(answer.message.contains("revoked"))
    }

    @Test func signersOfTheSameSecretKeyAcceptEachOthersTokens() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("twpc-token-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try AuthTokenSigner.load(environment: [:], dataDirectory: directory)
        let second = try AuthTokenSigner.load(environment: [:], dataDirectory: directory)
        let hash = String(repeating: "ab", count: 32)
        let token = first.issue(keyHash: hash, expiresAt: 2_000_000_000)
        #expect(try second.verify(token, now: 1_900_000_000).keyHash == hash)
        #expect(throws: AuthTokenSigner.Refusal.expired) { try second.verify(token, now: 2_000_000_000) }
        let environment = ["TWPC_SECRET_KEY": String(repeating: "3c", count: 32)]
        let fromVariable = try AuthTokenSigner.load(environment: environment, dataDirectory: directory)
        #expect(throws: AuthTokenSigner.Refusal.badSignature) { try fromVariable.verify(token, now: 1_900_000_000) }
        let again = try AuthTokenSigner.load(environment: environment, dataDirectory: "/nonexistent-twpc-dir")
        #expect(try again.verify(fromVariable.issue(keyHash: hash, expiresAt: 5), now: 4).expiresAt == 5)
    }
}
