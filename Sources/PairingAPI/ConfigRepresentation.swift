import PairingCore

/// Writes a pairing config as the API's object (api.md section 3), fields in contract order.
public enum ConfigRepresentation {
    /// Writes `config` as one JSON object.
    public static func write(_ config: PairingConfig, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", config.id)
        writer.field("object", "taskWorkerPairingConfig")
        writer.field("externalId", config.externalID)
        writer.key("priority")
        if let priority = config.priority { writer.int(Int64(priority)) } else { writer.null() }
        writer.field("name", config.name)
        writer.field("companyId", config.companyID)
        writer.field("createdAt", Timestamp.rfc3339(microseconds: config.createdAt))
        writer.field("updatedAt", config.updatedAt.map { Timestamp.rfc3339(microseconds: $0) })
        writer.field("deletedAt", config.deletedAt.map { Timestamp.rfc3339(microseconds: $0) })
        writer.field("isDefault", config.isDefault)
        writer.field("twilioWorkerQueueExpression", config.twilioWorkerQueueExpression)
        writer.key("workerMatch")
        write(config.workerMatch, to: &writer)
        writer.field("overrideTwilioWorkerQueueExpression", config.overrideWorkerQueueExpression)
        writer.key("taskMatch")
        write(config.taskMatch, to: &writer)
        writer.field("twilioTaskWorkflowExpression", config.twilioTaskWorkflowExpression)
        writer.field("overrideTwilioTaskWorkflowExpression", config.overrideTaskWorkflowExpression)
        writer.endObject()
    }

    /// Writes a worker match with absent sub-fields omitted.
    public static func write(_ match: WorkerMatch, to writer: inout JSONWriter) {
        writer.beginObject()
        if let value = match.isManager { writer.field("isManager", value) }
        if let value = match.teamIds { writer.field("teamIds", strings: value) }
        if let value = match.roleIds { writer.field("roleIds", strings: value) }
        writer.endObject()
    }

    /// Writes a task match with absent sub-fields omitted.
    public static func write(_ match: TaskMatch, to writer: inout JSONWriter) {
        writer.beginObject()
        if let value = match.not { writer.field("not", value) }
        if let value = match.taskTypes { writer.field("taskTypes", strings: value) }
        if let value = match.case {
            writer.key("case")
            writer.beginObject()
            if let list = value.caseTypeEnums { writer.field("caseTypeEnums", strings: list) }
            if let flag = value.autocreated { writer.field("autocreated", flag) }
            if let list = value.caseTypeIds { writer.field("caseTypeIds", strings: list) }
            writer.endObject()
        }
        if let value = match.supercase {
            writer.key("supercase")
            writer.beginObject()
            if let list = value.supercaseTypeEnums { writer.field("supercaseTypeEnums", strings: list) }
            writer.endObject()
        }
        if let value = match.interaction {
            writer.key("interaction")
            writer.beginObject()
            if let list = value.channels { writer.field("channels", strings: list) }
            if let list = value.themes { writer.field("themes", strings: list) }
            if let list = value.directions { writer.field("directions", strings: list) }
            if let list = value.subjects { writer.field("subjects", strings: list) }
            writer.endObject()
        }
        writer.endObject()
    }
}
