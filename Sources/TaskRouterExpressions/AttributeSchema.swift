/// The attribute documents the linter knows (expressions.md sections 4-5).
indirect enum AttributeSchema: Sendable {
    case boolean
    case string
    case number
    /// A list of scalars.
    case list
    case object([String: AttributeSchema])
    /// Any key, each with the same schema (`worker.channel.<channel>`).
    case anyKey(AttributeSchema)
    /// Anything goes below here (`interactionMeta.*`).
    case open

    static let worker: [String: AttributeSchema] = [
        "isManager": .boolean, "teamIds": .list, "roleIds": .list,
    ]

    static let task: [String: AttributeSchema] = [
        "taskType": .string,
        "case": .object(["caseType": .string, "caseTypeId": .string, "autocreated": .boolean]),
        "supercase": .object(["supercaseType": .string]),
        "interaction": .object([
            "channel": .string, "theme": .string, "direction": .string, "subject": .string,
        ]),
        "interactionMeta": .open,
    ]

    static let targetWorker: [String: AttributeSchema] = worker.merging(
        [
            "sid": .string, "friendly_name": .string, "activity_sid": .string, "activity_name": .string,
            "channel": .anyKey(
                .object([
                    "assigned_tasks": .number, "available_capacity_percentage": .number,
                    "configured_capacity": .number,
                ])),
        ],
        uniquingKeysWith: { first, _ in first })

    /// The document an expression of `context` is evaluated against.
    static func root(for context: ExpressionContext) -> AttributeSchema {
        switch context {
        case .workerQueue: .object(worker)
        case .taskFilter: .object(task)
        case .target: .object(["task": .object(task), "worker": .object(targetWorker)])
        }
    }

    /// The type of a `taskrouter.*` built-in.
    static func builtin(_ builtin: AttributePath.Builtin) -> AttributeSchema {
        switch builtin {
        case .currentTime: .number
        case .dayOfWeek, .currentHour, .currentMin: .string
        case .unknown: .open
        }
    }

    /// Every path the schema names, for suggestions (`case.caseType`, `worker.channel.<channel>.assigned_tasks`).
    func knownPaths(prefix: String = "") -> [String] {
        switch self {
        case .object(let members):
            var result: [String] = []
            for key in members.keys.sorted() {
                let path = prefix.isEmpty ? key : prefix + "." + key
                result.append(path)
                result.append(contentsOf: members[key]!.knownPaths(prefix: path))
            }
            return result
        case .anyKey(let schema):
            return schema.knownPaths(prefix: prefix + ".<channel>")
        default:
            return []
        }
    }

    var isScalar: Bool {
        switch self {
        case .boolean, .string, .number: true
        default: false
        }
    }

    var name: String {
        switch self {
        case .boolean: "a boolean"
        case .string: "a string"
        case .number: "a number"
        case .list: "a list"
        case .object, .anyKey: "an object"
        case .open: "any value"
        }
    }
}
