import PairingCore
import Testing

@testable import PairingAPI

@Suite("TaskRouter target input")
struct TaskRouterTargetInputTests {
    static let account = "AC" + String(repeating: "1", count: 32)
    static let workspace = "WS" + String(repeating: "a", count: 32)

    @Test("a valid auth-token target seals the token bound to the company")
    func sealAuthToken() throws {
        let input = TaskRouterTargetInput(
            companyID: "CP-AAAA-0001", accountSID: Self.account, auth: .authToken("tok-123"),
            workspaceSID: Self.workspace)
        #expect(input.problems().isEmpty)
        let box = try SecretBox(key: Array(repeating: 9, count: 32))
        let target = try input.sealed(with: box)
        #expect(target.apiKeySID == nil)
        #expect(target.baseURL == "https://taskrouter.twilio.com")
        #expect(target.workflowName == "Task-Worker Pairing")
        let sealed = try #require(target.sealedAuthToken)
        #expect(try box.open(sealed, context: SyncSecrets.context("CP-AAAA-0001", .authToken)) == "tok-123")
        #expect(throws: SecretBox.Failure.self) {
            try box.open(sealed, context: SyncSecrets.context("CP-BBBB-0001", .authToken))
        }
    }

    @Test("an API-key target seals the secret and keeps the key SID")
    func sealAPIKey() throws {
        let keySID = "SK" + String(repeating: "f", count: 32)
        let input = TaskRouterTargetInput(
            companyID: "CP-AAAA-0001", accountSID: Self.account, auth: .apiKey(sid: keySID, secret: "s3cret"),
            workspaceSID: Self.workspace, baseURL: "http://127.0.0.1:8090")
        #expect(input.problems().isEmpty)
        let box = try SecretBox(key: Array(repeating: 9, count: 32))
        let target = try input.sealed(with: box)
        #expect(target.apiKeySID == keySID)
        #expect(target.sealedAuthToken == nil)
        #expect(
            try box.open(
                try #require(target.sealedAPIKeySecret), context: SyncSecrets.context("CP-AAAA-0001", .apiKeySecret))
                == "s3cret")
    }

    @Test("bad SIDs, empty secrets and bad URLs are named; secrets are never echoed")
    func problems() {
        let input = TaskRouterTargetInput(
            companyID: "CP-AAAA-0001", accountSID: "AC123", auth: .apiKey(sid: "KEY", secret: ""),
            workspaceSID: "WSxyz", baseURL: "ftp://x", workflowName: "")
        let problems = input.problems()
        #expect(problems.contains { $0.contains("--account-sid") })
        #expect(problems.contains { $0.contains("--workspace-sid") })
        #expect(problems.contains { $0.contains("--api-key-sid") })
        #expect(problems.contains { $0.contains("secret is empty") })
        #expect(problems.contains { $0.contains("--base-url") })
        #expect(problems.contains { $0.contains("--workflow-name") })
        let secret = TaskRouterTargetInput(
            companyID: "CP-AAAA-0001", accountSID: Self.account, auth: .authToken("line\nbreak-SECRET"),
            workspaceSID: Self.workspace)
        #expect(secret.problems().count == 1)
        #expect(!secret.problems().joined().contains("SECRET"))
    }
}
