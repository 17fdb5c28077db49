import TaskRouterExpressions

/// Validates the raw JSON of `workerMatch` and `taskMatch` (api.md section 4).
public enum MatchValidator {
    /// The most items a list may hold.
    public static let maximumListSize = 500
    /// The longest id (`teamIds`, `roleIds`, `caseTypeIds` items), in characters.
    public static let maximumIDLength = 100

    /// The task types `taskMatch.taskTypes` accepts.
    public static let taskTypes: [String] = [
        "answerInboundVoiceCall", "handleInboundInteraction", "handleUnboundInboundInteraction", "makeScheduledCall",
        "replyToNewConvo", "replyToNewText", "replyToNewWebChat", "replyToAbandonedWebChat",
        "reviewEscalatedCaseAgent", "reviewEscalatedCaseAgentUrgent", "reviewEscalatedCaseTeam",
        "reviewEscalatedCaseTeamUrgent", "reviewDocumentUpload", "reviewSnoozedCase", "reviewAutoCreatedCase",
        "reviewAutoUpdatedCase", "reviewCaseInstructions", "reviewVoicemail", "smartReviewCase",
    ]
    /// The directions `taskMatch.interaction.directions` accepts.
    public static let directions: [String] = ["inbound", "outbound"]
    /// The channels known without a warning.
    public static let knownChannels: [String] = ["voice", "text", "email", "chat", "mail", "fax", "gui", "document"]

    /// Validates raw JSON of a workerMatch: types, id-list rules, list size, duplicates removed
    /// (first kept), unknown keys rejected; `null`, absent and empty lists place no constraint.
    /// Field paths are prefixed with `field` (`workerMatch.teamIds[2]`).
    public static func workerMatch(_ json: JSONValue, field: String = "workerMatch") -> MatchValidation<WorkerMatch> {
        var issues = Issues()
        guard case .object(let members) = json else {
            issues.error(field, "must be an object, not \(describe(json))")
            return MatchValidation(value: nil, errors: issues.errors)
        }
        issues.rejectUnknownKeys(members, allowed: ["isManager", "teamIds", "roleIds"], field: field)
        var match = WorkerMatch()
        match.isManager = issues.bool(members["isManager"], field: field + ".isManager")
        match.teamIds = issues.idList(members["teamIds"], field: field + ".teamIds")
        match.roleIds = issues.idList(members["roleIds"], field: field + ".roleIds")
        return MatchValidation(
            value: issues.errors.isEmpty ? match : nil, errors: issues.errors, warnings: issues.warnings)
    }

    /// Validates raw JSON of a taskMatch: types, the task type and direction enums, identifier-like
    /// enum values (unknown channels warn), id-list rules, list size, duplicates removed (first kept),
    /// unknown keys rejected. Field paths are prefixed with `field` (`taskMatch.interaction.channels[0]`).
    public static func taskMatch(_ json: JSONValue, field: String = "taskMatch") -> MatchValidation<TaskMatch> {
        var issues = Issues()
        guard case .object(let members) = json else {
            issues.error(field, "must be an object, not \(describe(json))")
            return MatchValidation(value: nil, errors: issues.errors)
        }
        issues.rejectUnknownKeys(
            members, allowed: ["not", "taskTypes", "case", "supercase", "interaction"], field: field)
        var match = TaskMatch()
        match.not = issues.bool(members["not"], field: field + ".not")
        match.taskTypes = issues.enumList(
            members["taskTypes"], field: field + ".taskTypes", allowed: taskTypes, noun: "task type")
        if let members = issues.object(members["case"], field: field + ".case") {
            let path = field + ".case"
            issues.rejectUnknownKeys(members, allowed: ["caseTypeEnums", "autocreated", "caseTypeIds"], field: path)
            match.case = TaskMatch.Case(
                caseTypeEnums: issues.enumList(members["caseTypeEnums"], field: path + ".caseTypeEnums"),
                autocreated: issues.bool(members["autocreated"], field: path + ".autocreated"),
                caseTypeIds: issues.idList(members["caseTypeIds"], field: path + ".caseTypeIds"))
        }
        if let members = issues.object(members["supercase"], field: field + ".supercase") {
            let path = field + ".supercase"
            issues.rejectUnknownKeys(members, allowed: ["supercaseTypeEnums"], field: path)
            match.supercase = TaskMatch.Supercase(
                supercaseTypeEnums: issues.enumList(members["supercaseTypeEnums"], field: path + ".supercaseTypeEnums"))
        }
        if let members = issues.object(members["interaction"], field: field + ".interaction") {
            let path = field + ".interaction"
            issues.rejectUnknownKeys(members, allowed: ["channels", "themes", "directions", "subjects"], field: path)
            match.interaction = TaskMatch.Interaction(
                channels: issues.enumList(
                    members["channels"], field: path + ".channels", known: knownChannels, noun: "channel"),
                themes: issues.enumList(members["themes"], field: path + ".themes"),
                directions: issues.enumList(
                    members["directions"], field: path + ".directions", allowed: directions, noun: "direction"),
                subjects: issues.enumList(members["subjects"], field: path + ".subjects"))
        }
        return MatchValidation(
            value: issues.errors.isEmpty ? match : nil, errors: issues.errors, warnings: issues.warnings)
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// Collects the errors and warnings of one validation.
private struct Issues {
    var errors: [FieldIssue] = []
    var warnings: [FieldIssue] = []

    mutating func error(_ field: String, _ message: String) {
        errors.append(FieldIssue(field: field, message: message))
    }

    mutating func warning(_ field: String, _ message: String) {
        warnings.append(FieldIssue(field: field, message: message))
    }

    mutating func rejectUnknownKeys(_ members: [String: JSONValue], allowed: [String], field: String) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            let name = field.split(separator: ".").last.map(String.init) ?? field
            error(
                field + "." + key,
                "is not a known key of \(name); allowed keys are \(allowed.joined(separator: ", "))")
        }
    }

    mutating func bool(_ value: JSONValue?, field: String) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case let other?:
            error(field, "must be true, false or null, not \(MatchValidator.describe(other))")
            return nil
        }
    }

    mutating func object(_ value: JSONValue?, field: String) -> [String: JSONValue]? {
        switch value {
        case nil, .null?: return nil
        case .object(let members)?: return members
        case let other?:
            error(field, "must be an object or null, not \(MatchValidator.describe(other))")
            return nil
        }
    }

    /// The strings of a list, or nil; checks the list's type and size.
    private mutating func strings(_ value: JSONValue?, field: String) -> [(Int, String)]? {
        switch value {
        case nil, .null?: return nil
        case .array(let items)?:
            if items.count > MatchValidator.maximumListSize {
                error(
                    field,
                    "holds \(items.count) items; at most \(MatchValidator.maximumListSize) are allowed")
                return nil
            }
            var result: [(Int, String)] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else {
                    error(
                        "\(field)[\(index)]",
                        "must be a string, not \(MatchValidator.describe(item))")
                    continue
                }
                result.append((index, text))
            }
            return result
        case let other?:
            error(field, "must be a list of strings or null, not \(MatchValidator.describe(other))")
            return nil
        }
    }

    /// An id list: non-empty strings of at most 100 characters, no control characters, not both quotes.
    mutating func idList(_ value: JSONValue?, field: String) -> [String]? {
        guard let items = strings(value, field: field) else { return nil }
        var valid: [String] = []
        for (index, text) in items {
            let path = "\(field)[\(index)]"
            let length = text.unicodeScalars.count
            if length == 0 {
                error(path, "must not be empty")
            } else if length > MatchValidator.maximumIDLength {
                error(
                    path, "is \(length) characters long; at most \(MatchValidator.maximumIDLength) are allowed")
            } else if text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                error(path, "must not contain control characters")
            } else if text.utf8.contains(UInt8(ascii: "'")) && text.utf8.contains(UInt8(ascii: "\"")) {
                error(
                    path, "must not contain both ' and \" (it could not be quoted in a TaskRouter expression)")
            } else {
                valid.append(text)
            }
        }
        return MatchCompiler.unique(valid)
    }

    /// An enum-like list: identifier-like strings `^[A-Za-z][A-Za-z0-9_]*$`; when `allowed` is given,
    /// only those values; when `known` is given, other values are accepted with a warning.
    mutating func enumList(
        _ value: JSONValue?, field: String, allowed: [String]? = nil, known: [String]? = nil, noun: String = "value"
    ) -> [String]? {
        guard let items = strings(value, field: field) else { return nil }
        var valid: [String] = []
        var warned = Set<String>()
        for (index, text) in items {
            let path = "\(field)[\(index)]"
            if let allowed {
                guard allowed.contains(text) else {
                    error(
                        path,
                        "'\(Self.shown(text))' is not a valid \(noun); expected one of: "
                            + allowed.joined(separator: ", "))
                    continue
                }
            } else if !Self.isIdentifierLike(text) {
                error(
                    path,
                    "'\(Self.shown(text))' must start with a letter and hold only letters, digits and "
                        + "underscores")
                continue
            }
            if let known, !known.contains(text), warned.insert(text).inserted {
                warning(
                    path,
                    "'\(text)' is not a known \(noun) (\(known.joined(separator: ", "))); it is accepted")
            }
            valid.append(text)
        }
        return MatchCompiler.unique(valid)
    }

    static func isIdentifierLike(_ text: String) -> Bool {
        guard let first = text.utf8.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else { return false }
        for byte in text.utf8 {
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            let digit = byte >= 0x30 && byte <= 0x39
            if !(letter || digit || byte == 0x5F) { return false }
        }
        return true
    }

    static func shown(_ text: String) -> String {
        text.unicodeScalars.count > 60 ? String(text.unicodeScalars.prefix(57)) + "..." : text
    }
}
