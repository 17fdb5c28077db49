import Foundation
import HTTPServer
import TaskRouterEmulator
import TaskRouterExpressions

/// Talks to an emulator the way a Twilio client does: HTTP Basic auth, form bodies, JSON answers.
struct EmulatorTestClient {
    static let account = "AC" + String(repeating: "a", count: 32)
    static let token = "test-token"

    let emulator: TaskRouterEmulator
    var user = EmulatorTestClient.account
    var password = EmulatorTestClient.token

    init(emulator: TaskRouterEmulator) { self.emulator = emulator }

    /// A fresh emulator whose clock reads `clock` (seconds since 1970).
    static func make(clock: @escaping @Sendable () -> Double = { 1_780_000_000 }) -> EmulatorTestClient {
        EmulatorTestClient(emulator: TaskRouterEmulator(accountSID: account, authToken: token, clock: clock))
    }

    struct Reply {
        let status: Int
        let headers: [(name: String, value: String)]
        let json: JSONValue

        subscript(key: String) -> JSONValue? { json[key] }
        func string(_ key: String) -> String? {
            if case .string(let text)? = json[key] { return text }
            return nil
        }
        var code: Int? {
            if case .number(let number)? = json["code"] { return Int(number) }
            return nil
        }
        var message: String { string("message") ?? "" }
        func list(_ key: String) -> [JSONValue] {
            if case .array(let items)? = json[key] { return items }
            return []
        }
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    func send(
        _ method: String, _ path: String, form: [(String, String)] = [], query: [(String, String)] = [],
        rawBody: [UInt8]? = nil
    ) -> Reply {
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        var body: [UInt8] = []
        var headers: [(name: String, value: String)] = [
            ("Host", "emulator.test:8090"), ("Authorization", "Basic \(credentials)"),
        ]
        if let rawBody {
            body = rawBody
        } else if !form.isEmpty {
            let allowed = CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
            body = Array(
                form.map {
                    "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
                }.joined(separator: "&").utf8)
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        }
        let request = HTTPRequest(
            method: method, path: path, query: query.map { (name: $0.0, value: $0.1) }, headers: headers, body: body)
        let response = emulator.respond(to: request)
        let json = (try? JSONDecoder().decode(JSONValue.self, from: Data(response.body))) ?? .null
        return Reply(status: response.status, headers: response.headers, json: json)
    }

    func post(_ path: String, _ form: [(String, String)]) -> Reply { send("POST", path, form: form) }
    func get(_ path: String, _ query: [(String, String)] = []) -> Reply { send("GET", path, query: query) }
    func delete(_ path: String) -> Reply { send("DELETE", path) }

    /// Creates a workspace over the API and returns its path.
    func workspace(_ name: String = "Test") -> String {
        let reply = post("/v1/Workspaces", [("FriendlyName", name)])
        return "/v1/Workspaces/\(reply.string("sid") ?? "missing")"
    }

    /// The activity SID with this name in a workspace.
    func activity(_ workspacePath: String, _ name: String) -> String {
        let items = get(workspacePath + "/Activities", [("FriendlyName", name)]).list("activities")
        if case .string(let sid)? = items.first?["sid"] { return sid }
        return "missing"
    }
}
