import TaskRouterExpressions

/// Compiles `workerMatch` and `taskMatch` into TaskRouter expression text, exactly as
/// expressions.md section 5 fixes it (the text is part of the API).
public enum MatchCompiler {
    /// The expression that matches everything.
    public static let matchAll = "1==1"
    /// The expression that matches nothing.
    public static let matchNone = "1!=1"

    /// `twilioWorkerQueueExpression` for a workerMatch: clauses for `isManager`, `teamIds`,
    /// `roleIds` in that order, joined with ` AND `; `1==1` when nothing constrains.
    /// Duplicate ids are dropped (first kept).
    public static func compile(_ match: WorkerMatch) -> String {
        var output = ""
        output.reserveCapacity(96)
        var clauses = 0
        if let isManager = match.isManager {
            output += isManager ? "isManager == true" : "isManager == false"
            clauses += 1
        }
        for (path, ids) in [("teamIds", match.teamIds), ("roleIds", match.roleIds)] {
            let values = unique(ids)
            guard !values.isEmpty else { continue }
            if clauses > 0 { output += " AND " }
            clauses += 1
            if values.count > 1 { output += "(" }
            for (index, value) in values.enumerated() {
                if index > 0 { output += " OR " }
                output += path
                output += " HAS "
                appendQuoted(value, to: &output)
            }
            if values.count > 1 { output += ")" }
        }
        return clauses == 0 ? matchAll : output
    }

    /// `twilioTaskWorkflowExpression` for a taskMatch: one `<path> IN [...]` or `<path> == <bool>`
    /// clause per constrained field, in the order of expressions.md section 5, joined with ` AND `.
    /// With `not: true` the negation by De Morgan: `NOT IN`, `!=`, joined with ` OR `.
    /// Nothing to match gives `1==1` (negated: `1!=1`).
    public static func compile(_ match: TaskMatch) -> String {
        let negate = match.not == true
        var output = ""
        output.reserveCapacity(128)
        var clauses = 0
        func separate() {
            if clauses > 0 { output += negate ? " OR " : " AND " }
            clauses += 1
        }
        func list(_ path: String, _ values: [String]?) {
            let values = unique(values)
            guard !values.isEmpty else { return }
            separate()
            output += path
            output += negate ? " NOT IN [" : " IN ["
            for (index, value) in values.enumerated() {
                if index > 0 { output += ", " }
                appendQuoted(value, to: &output)
            }
            output += "]"
        }
        func flag(_ path: String, _ value: Bool?) {
            guard let value else { return }
            separate()
            output += path
            output += negate ? " != " : " == "
            output += value ? "true" : "false"
        }
        list("taskType", match.taskTypes)
        list("case.caseType", match.case?.caseTypeEnums)
        list("case.caseTypeId", match.case?.caseTypeIds)
        flag("case.autocreated", match.case?.autocreated)
        list("supercase.supercaseType", match.supercase?.supercaseTypeEnums)
        list("interaction.channel", match.interaction?.channels)
        list("interaction.theme", match.interaction?.themes)
        list("interaction.direction", match.interaction?.directions)
        list("interaction.subject", match.interaction?.subjects)
        if clauses == 0 { return negate ? matchNone : matchAll }
        return output
    }

    /// A string literal: double quotes, or single quotes when the value contains `"`.
    static func appendQuoted(_ value: String, to output: inout String) {
        let quote = value.utf8.contains(UInt8(ascii: "\"")) ? "'" : "\""
        output += quote
        output += value
        output += quote
    }

    /// The values without duplicates, first occurrence kept.
    static func unique(_ values: [String]?) -> [String] {
        guard let values, !values.isEmpty else { return [] }
        if values.count <= 16 {
            // Small lists (the usual case): pairwise, without hashing or allocating keys.
            var result: [String] = []
            result.reserveCapacity(values.count)
            for value in values where !result.contains(where: { ExpressionValues.sameScalars($0, value) }) {
                result.append(value)
            }
            return result
        }
        // Compare by Unicode scalars (UTF-8 bytes), as TaskRouter does: no normalization.
        var seen = Set<[UInt8]>()
        var result: [String] = []
        result.reserveCapacity(values.count)
        for value in values where seen.insert(Array(value.utf8)).inserted { result.append(value) }
        return result
    }
}
