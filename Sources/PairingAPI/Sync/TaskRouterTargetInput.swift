import Foundation
import PairingCore

/// A TaskRouter target as given by an operator (`twpc companies set-taskrouter`), validated
/// and sealed into a `StoredTaskRouterTarget`. The plaintext secret lives only in this value.
public struct TaskRouterTargetInput: Sendable {
    /// How sync authenticates.
    public enum Auth: Sendable {
        case authToken(String)
        case apiKey(sid: String, secret: String)
    }

    public var companyID: String
    public var accountSID: String
    public var auth: Auth
    public var workspaceSID: String
    public var baseURL: String
    public var workflowName: String

    public init(
        companyID: String, accountSID: String, auth: Auth, workspaceSID: String,
        baseURL: String = "https://taskrouter.twilio.com", workflowName: String = SyncDesiredState.defaultWorkflowName
    ) {
        self.companyID = companyID
        self.accountSID = accountSID
        self.auth = auth
        self.workspaceSID = workspaceSID
        self.baseURL = baseURL
        self.workflowName = workflowName
    }

    /// The problems of the input, each naming the option; empty when valid. Never echoes secrets.
    public func problems() -> [String] {
        var problems: [String] = []
        if !Self.isSID(accountSID, "AC") { problems.append("--account-sid must be AC followed by 32 hex digits") }
        if !Self.isSID(workspaceSID, "WS") { problems.append("--workspace-sid must be WS followed by 32 hex digits") }
        switch auth {
        case .authToken(let token):
            if token.isEmpty { problems.append("the auth token is empty") }
            if token.contains(where: \.isNewline) { problems.append("the auth token contains a line break") }
        case .apiKey(let sid, let secret):
            if !Self.isSID(sid, "SK") { problems.append("--api-key-sid must be SK followed by 32 hex digits") }
            if secret.isEmpty { problems.append("the API key secret is empty") }
            if secret.contains(where: \.isNewline) { problems.append("the API key secret contains a line break") }
        }
        if let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            url.host != nil, url.query == nil
        {
        } else {
            problems.append("--base-url must be an http(s) URL such as https://taskrouter.twilio.com")
        }
        let name = workflowName.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 64 { problems.append("--workflow-name must be 1 to 64 characters") }
        return problems
    }

    /// The target to store, its secret sealed with `box` and bound to the company.
    public func sealed(with box: SecretBox) throws(SecretBox.Failure) -> StoredTaskRouterTarget {
        var target = StoredTaskRouterTarget(
            companyID: companyID, accountSID: accountSID, workspaceSID: workspaceSID, baseURL: baseURL,
            workflowName: workflowName)
        switch auth {
        case .authToken(let token):
            target.sealedAuthToken = try box.seal(token, context: SyncSecrets.context(companyID, .authToken))
        case .apiKey(let sid, let secret):
            target.apiKeySID = sid
            target.sealedAPIKeySecret = try box.seal(secret, context: SyncSecrets.context(companyID, .apiKeySecret))
        }
        return target
    }

    static func isSID(_ text: String, _ prefix: String) -> Bool {
        guard text.hasPrefix(prefix), text.count == 34 else { return false }
        return text.dropFirst(2).allSatisfy(\.isHexDigit)
    }
}
