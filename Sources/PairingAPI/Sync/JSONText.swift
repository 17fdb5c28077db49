import PairingCore
import TaskRouterExpressions

/// Small helpers to write JSON text with keys in a fixed order.
enum JSONText {
    /// A JSON string literal, or `null`.
    static func quote(_ text: String?) -> String {
        guard let text else { return "null" }
        return JSONValue.stringLiteral(text)
    }

    /// JSON text embedded as a value when it parses, else as a string.
    static func embed(_ json: String) -> String {
        SyncWorkflowConfiguration.isJSON(json) ? json : quote(json)
    }
}
