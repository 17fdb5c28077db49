import TaskRouterExpressions

/// Fast decoding of `workerMatch` / `taskMatch` as the stores keep them (the JSON of their
/// `Codable` form), without Foundation's `JSONDecoder`, which dominated list latency.
/// Lenient in the same way as the synthesized `Decodable`: unknown keys are ignored.
public enum StoredMatchDecoding {
    /// Why a stored document does not decode.
    public struct Failure: Error, Sendable, Hashable {
        public var message: String
    }

    public static func workerMatch(_ text: String) throws(Failure) -> WorkerMatch {
        let members = try object(try parse(text), "workerMatch")
        return WorkerMatch(
            isManager: try bool(members["isManager"], "isManager"), teamIds: try strings(members["teamIds"], "teamIds"),
            roleIds: try strings(members["roleIds"], "roleIds"))
    }

    public static func taskMatch(_ text: String) throws(Failure) -> TaskMatch {
        let members = try object(try parse(text), "taskMatch")
        var match = TaskMatch(
            not: try bool(members["not"], "not"), taskTypes: try strings(members["taskTypes"], "taskTypes"))
        if let value = members["case"], value != .null {
            let inner = try object(value, "case")
            match.case = TaskMatch.Case(
                caseTypeEnums: try strings(inner["caseTypeEnums"], "caseTypeEnums"),
                autocreated: try bool(inner["autocreated"], "autocreated"),
                caseTypeIds: try strings(inner["caseTypeIds"], "caseTypeIds"))
        }
        if let value = members["supercase"], value != .null {
            let inner = try object(value, "supercase")
            match.supercase = TaskMatch.Supercase(
                supercaseTypeEnums: try strings(inner["supercaseTypeEnums"], "supercaseTypeEnums"))
        }
        if let value = members["interaction"], value != .null {
            let inner = try object(value, "interaction")
            match.interaction = TaskMatch.Interaction(
                channels: try strings(inner["channels"], "channels"), themes: try strings(inner["themes"], "themes"),
                directions: try strings(inner["directions"], "directions"),
                subjects: try strings(inner["subjects"], "subjects"))
        }
        return match
    }

    private static func parse(_ text: String) throws(Failure) -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw Failure(message: "invalid JSON at byte \(error.offset): \(error.message)")
        }
    }

    private static func object(_ value: JSONValue, _ name: String) throws(Failure) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw Failure(message: "\(name) is not an object") }
        return members
    }

    private static func bool(_ value: JSONValue?, _ name: String) throws(Failure) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default: throw Failure(message: "\(name) is not a boolean")
        }
    }

    private static func strings(_ value: JSONValue?, _ name: String) throws(Failure) -> [String]? {
        switch value {
        case nil, .null?: return nil
        case .array(let items)?:
            var result: [String] = []
            result.reserveCapacity(items.count)
            for item in items {
                guard case .string(let text) = item else { throw Failure(message: "\(name) holds a non-string") }
                result.append(text)
            }
            return result
        default: throw Failure(message: "\(name) is not an array")
        }
    }
}
