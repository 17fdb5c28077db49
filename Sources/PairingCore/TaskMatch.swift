/// Which tasks a pairing config applies to (api.md section 4).
/// Absent or empty lists place no constraint; `not` negates the whole match.
public struct TaskMatch: Sendable, Hashable, Codable {
    public struct Case: Sendable, Hashable, Codable {
        public var caseTypeEnums: [String]?
        public var autocreated: Bool?
        public var caseTypeIds: [String]?
        public init(caseTypeEnums: [String]? = nil, autocreated: Bool? = nil, caseTypeIds: [String]? = nil) {
            self.caseTypeEnums = caseTypeEnums
            self.autocreated = autocreated
            self.caseTypeIds = caseTypeIds
        }
    }

    public struct Supercase: Sendable, Hashable, Codable {
        public var supercaseTypeEnums: [String]?
        public init(supercaseTypeEnums: [String]? = nil) { self.supercaseTypeEnums = supercaseTypeEnums }
    }

    public struct Interaction: Sendable, Hashable, Codable {
        public var channels: [String]?
        public var themes: [String]?
        public var directions: [String]?
        public var subjects: [String]?
        public init(
            channels: [String]? = nil, themes: [String]? = nil, directions: [String]? = nil, subjects: [String]? = nil
        ) {
            self.channels = channels
            self.themes = themes
            self.directions = directions
            self.subjects = subjects
        }
    }

    public var not: Bool?
    public var taskTypes: [String]?
    public var `case`: Case?
    public var supercase: Supercase?
    public var interaction: Interaction?

    public init(
        not: Bool? = nil,
        taskTypes: [String]? = nil,
        case: Case? = nil,
        supercase: Supercase? = nil,
        interaction: Interaction? = nil
    ) {
        self.not = not
        self.taskTypes = taskTypes
        self.case = `case`
        self.supercase = supercase
        self.interaction = interaction
    }
}
