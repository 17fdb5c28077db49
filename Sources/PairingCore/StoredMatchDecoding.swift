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
        var match = WorkerMatch()
        if text == "{}" { return match }
        var reader = JSONParser(reading: text)
        do {
            try reader.beginObject()
            while let key = try reader.nextKey() {
                switch key {
                case "isManager": match.isManager = try reader.readBool()
                case "teamIds": match.teamIds = try reader.readStrings()
                case "roleIds": match.roleIds = try reader.readStrings()
                default: try reader.skipValue()
                }
            }
        } catch {
            throw Failure(message: "invalid workerMatch at byte \(error.offset): \(error.message)")
        }
        return match
    }

    public static func taskMatch(_ text: String) throws(Failure) -> TaskMatch {
        var match = TaskMatch()
        if text == "{}" { return match }
        var reader = JSONParser(reading: text)
        do {
            try reader.beginObject()
            while let key = try reader.nextKey() {
                switch key {
                case "not": match.not = try reader.readBool()
                case "taskTypes": match.taskTypes = try reader.readStrings()
                case "case":
                    if reader.readNull() { continue }
                    var value = TaskMatch.Case()
                    try reader.beginObject()
                    while let inner = try reader.nextKey() {
                        switch inner {
                        case "caseTypeEnums": value.caseTypeEnums = try reader.readStrings()
                        case "autocreated": value.autocreated = try reader.readBool()
                        case "caseTypeIds": value.caseTypeIds = try reader.readStrings()
                        default: try reader.skipValue()
                        }
                    }
                    match.case = value
                case "supercase":
                    if reader.readNull() { continue }
                    var value = TaskMatch.Supercase()
                    try reader.beginObject()
                    while let inner = try reader.nextKey() {
                        if inner == "supercaseTypeEnums" {
                            value.supercaseTypeEnums = try reader.readStrings()
                        } else {
                            try reader.skipValue()
                        }
                    }
                    match.supercase = value
                case "interaction":
                    if reader.readNull() { continue }
                    var value = TaskMatch.Interaction()
                    try reader.beginObject()
                    while let inner = try reader.nextKey() {
                        switch inner {
                        case "channels": value.channels = try reader.readStrings()
                        case "themes": value.themes = try reader.readStrings()
                        case "directions": value.directions = try reader.readStrings()
                        case "subjects": value.subjects = try reader.readStrings()
                        default: try reader.skipValue()
                        }
                    }
                    match.interaction = value
                default: try reader.skipValue()
                }
            }
        } catch {
            throw Failure(message: "invalid taskMatch at byte \(error.offset): \(error.message)")
        }
        return match
    }

}
