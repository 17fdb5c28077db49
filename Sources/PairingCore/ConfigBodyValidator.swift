import TaskRouterExpressions

/// Validates a create or update body field by field (api.md sections 3, 4 and 8).
///
/// Every problem is reported with its field path; lint findings and unknown enum
/// values come back as warnings, which never block.
public enum ConfigBodyValidator {
    /// Whether the body creates a config (name required) or partially updates one.
    public enum Mode: Sendable {
        case create
        case update
    }

    /// The outcome: a patch when `errors` is empty.
    public struct Result: Sendable {
        public var patch: ConfigPatch
        public var errors: [FieldIssue]
        public var warnings: [FieldIssue]
    }

    /// Keys of the object a client may send back unchanged; ignored.
    public static let readOnlyKeys: Set<String> = [
        "id", "object", "companyId", "createdAt", "updatedAt", "deletedAt", "isDefault",
        "twilioWorkerQueueExpression", "twilioTaskWorkflowExpression",
    ]

    /// Keys a client may write.
    public static let writableKeys: [String] = [
        "externalId", "priority", "name", "workerMatch", "overrideTwilioWorkerQueueExpression", "taskMatch",
        "overrideTwilioTaskWorkflowExpression",
    ]

    /// Longest accepted override expression, in characters.
    public static let maxExpressionLength = 8192
    /// Longest name and externalId, in characters.
    public static let maxNameLength = 255

    /// Validates a parsed JSON body (which must be an object; anything else is one error).
    public static func validate(_ body: JSONValue, mode: Mode) -> Result {
        var patch = ConfigPatch()
        var errors: [FieldIssue] = []
        var warnings: [FieldIssue] = []
        guard case .object(let members) = body else {
            return Result(
                patch: patch, errors: [FieldIssue(field: "", message: "the body must be a JSON object")],
                warnings: [])
        }
        for key in members.keys.sorted() where !readOnlyKeys.contains(key) && !writableKeys.contains(key) {
            errors.append(FieldIssue(field: key, message: "is not a known field"))
        }

        switch members["name"] {
        case nil:
            if mode == .create { errors.append(FieldIssue(field: "name", message: "is required")) }
        case .string(let raw)?:
            let name = trimmed(raw)
            if name.isEmpty {
                errors.append(FieldIssue(field: "name", message: "must not be empty"))
            } else if name.count > maxNameLength {
                errors.append(FieldIssue(field: "name", message: "must be at most 255 characters"))
            } else if containsControlCharacter(name) {
                errors.append(FieldIssue(field: "name", message: "must not contain control characters"))
            } else {
                patch.name = name
            }
        case .null?:
            errors.append(FieldIssue(field: "name", message: "must be a string, not null"))
        case let other?:
            errors.append(FieldIssue(field: "name", message: "must be a string, not \(typeName(other))"))
        }

        switch members["externalId"] {
        case nil: break
        case .null?: patch.externalID = .some(nil)
        case .string(let external)?:
            if external.isEmpty {
                errors.append(
                    FieldIssue(field: "externalId", message: "must not be empty; use null to clear it"))
            } else if external.count > maxNameLength {
                errors.append(FieldIssue(field: "externalId", message: "must be at most 255 characters"))
            } else if containsControlCharacter(external) {
                errors.append(
                    FieldIssue(field: "externalId", message: "must not contain control characters"))
            } else {
                patch.externalID = .some(external)
            }
        case let other?:
            errors.append(
                FieldIssue(field: "externalId", message: "must be a string or null, not \(typeName(other))"))
        }

        switch members["priority"] {
        case nil: break
        case .null?: patch.priority = .some(nil)
        case .number(let value)?:
            if value.rounded() != value || !value.isFinite {
                errors.append(FieldIssue(field: "priority", message: "must be an integer"))
            } else if value < Double(Int32.min) || value > Double(Int32.max) {
                errors.append(
                    FieldIssue(
                        field: "priority", message: "must be between -2147483648 and 2147483647"))
            } else {
                patch.priority = .some(Int32(value))
            }
        case let other?:
            errors.append(
                FieldIssue(field: "priority", message: "must be an integer or null, not \(typeName(other))"))
        }

        switch members["workerMatch"] {
        case nil: break
        case .null?: patch.workerMatch = WorkerMatch()
        case let value?:
            let validation = MatchValidator.workerMatch(value, field: "workerMatch")
            errors += validation.errors
            warnings += validation.warnings
            if validation.errors.isEmpty, let value = validation.value { patch.workerMatch = value }
        }

        switch members["taskMatch"] {
        case nil: break
        case .null?: patch.taskMatch = TaskMatch()
        case let value?:
            let validation = MatchValidator.taskMatch(value, field: "taskMatch")
            errors += validation.errors
            warnings += validation.warnings
            if validation.errors.isEmpty, let value = validation.value { patch.taskMatch = value }
        }

        for (field, context) in [
            ("overrideTwilioWorkerQueueExpression", ExpressionContext.workerQueue),
            ("overrideTwilioTaskWorkflowExpression", ExpressionContext.taskFilter),
        ] {
            let outcome = expression(members[field], field: field, context: context)
            errors += outcome.errors
            warnings += outcome.warnings
            if outcome.errors.isEmpty, let value = outcome.value {
                if field == "overrideTwilioWorkerQueueExpression" {
                    patch.overrideWorkerQueueExpression = value
                } else {
                    patch.overrideTaskWorkflowExpression = value
                }
            }
        }
        return Result(patch: patch, errors: errors, warnings: warnings)
    }

    /// The rules of the default config (api.md section 8): no priority, no task match, no task override.
    public static func defaultConfigIssues(_ config: PairingConfig) -> [FieldIssue] {
        guard config.isDefault else { return [] }
        var issues: [FieldIssue] = []
        if config.priority != nil {
            issues.append(FieldIssue(field: "priority", message: "the default config's priority is always null"))
        }
        if !isUnconstrained(config.taskMatch) {
            issues.append(
                FieldIssue(
                    field: "taskMatch",
                    message: "the default config takes every task no other config took; its taskMatch must be empty"))
        }
        if config.overrideTaskWorkflowExpression != nil {
            issues.append(
                FieldIssue(
                    field: "overrideTwilioTaskWorkflowExpression",
                    message: "the default config has no task expression; this override must be null"))
        }
        return issues
    }

    /// True when a task match places no constraint and is not negated.
    public static func isUnconstrained(_ match: TaskMatch) -> Bool {
        func empty(_ list: [String]?) -> Bool { list?.isEmpty ?? true }
        if match.not == true { return false }
        if !empty(match.taskTypes) { return false }
        if let value = match.case {
            if !empty(value.caseTypeEnums) || !empty(value.caseTypeIds) || value.autocreated != nil { return false }
        }
        if let value = match.supercase, !empty(value.supercaseTypeEnums) { return false }
        if let value = match.interaction {
            if !empty(value.channels) || !empty(value.themes) || !empty(value.directions) || !empty(value.subjects) {
                return false
            }
        }
        return true
    }

    // MARK: Helpers

    private struct ExpressionOutcome {
        /// `.some(nil)` for an explicit null.
        var value: String??
        var errors: [FieldIssue] = []
        var warnings: [FieldIssue] = []
    }

    private static func expression(_ json: JSONValue?, field: String, context: ExpressionContext)
        -> ExpressionOutcome
    {
        switch json {
        case nil: return ExpressionOutcome(value: nil)
        case .null?: return ExpressionOutcome(value: .some(nil))
        case .string(let text)?:
            if text.count > maxExpressionLength {
                return ExpressionOutcome(
                    value: nil, errors: [FieldIssue(field: field, message: "must be at most 8192 characters")])
            }
            if trimmed(text).isEmpty {
                return ExpressionOutcome(
                    value: nil,
                    errors: [FieldIssue(field: field, message: "must not be empty; use null to clear it")])
            }
            let parsed: Expression
            do {
                parsed = try ExpressionParser.parse(text)
            } catch {
                return ExpressionOutcome(
                    value: nil,
                    errors: [
                        FieldIssue(
                            field: field,
                            message: "invalid TaskRouter expression at offset \(error.offset): \(error.message)",
                            position: error.offset)
                    ])
            }
            let warnings = lintFindings(parsed, context: context).map { finding in
                var message = "\(finding.code): \(finding.message)"
                if let suggestion = finding.suggestion { message += " (did you mean '\(suggestion)'?)" }
                return FieldIssue(field: field, message: message, position: finding.offset)
            }
            return ExpressionOutcome(value: .some(text), warnings: warnings)
        case let other?:
            return ExpressionOutcome(
                value: nil,
                errors: [FieldIssue(field: field, message: "must be a string or null, not \(typeName(other))")]
            )
        }
    }

    /// The JSON type name of a value, for messages.
    public static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// True when `text` has a C0 or C1 control character (NUL included): names and external ids may not.
    public static func containsControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }
    }
}
