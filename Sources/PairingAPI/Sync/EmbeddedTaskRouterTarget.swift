/// Where companies without a TaskRouter target sync to: the embedded emulator.
public struct EmbeddedTaskRouterTarget: Sendable, Hashable {
    /// API root of the emulator, e.g. `http://127.0.0.1:41234`.
    public var baseURL: String
    public var accountSID: String
    public var authToken: String

    public init(baseURL: String, accountSID: String, authToken: String) {
        self.baseURL = baseURL
        self.accountSID = accountSID
        self.authToken = authToken
    }
}
