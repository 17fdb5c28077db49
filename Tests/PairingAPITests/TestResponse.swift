import Foundation
import TaskRouterExpressions
import TestSupport

/// A response as the test client read it off the wire.
typealias TestResponse = HTTPTestResponse

extension TestResponse {
    /// The body parsed as JSON (`.null` when it is not JSON).
    var json: JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: Data(body))) ?? .null
    }

    /// The envelope's `message`.
    var message: String {
        if case .string(let text)? = json["message"] { return text }
        return ""
    }

    /// The fields named in `errors[]`.
    var errorFields: [String] {
        guard case .array(let items)? = json["errors"] else { return [] }
        return items.compactMap { item in
            if case .string(let field)? = item["field"] { return field }
            return nil
        }
    }
}
