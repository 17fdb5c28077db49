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
        var clauses: [String] = []
        if let isManager = match.isManager {
            clauses.append("isManager == \(isManager)")
        }
        for (path, ids) in [("teamIds", match.teamIds), ("roleIds", match.roleIds)] {
            let values = unique(ids)
            guard !values.isEmpty else { continue }
            let terms = values.map { "\(path) HAS \(ExpressionLiteral.quoted($0))" }
            clauses.append(terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " OR ") + ")")
        }
        return clauses.isEmpty ? matchAll : clauses.joined(separator: " AND ")
    }

    /// `twilioTaskWorkflowExpression` for a taskMatch: one `<path> IN [...]` or `<path> == <bool>`
    /// clause per constrained field, in the order of expressions.md section 5, joined with ` AND `.
    /// With `not: true` the negation by De Morgan: `NOT IN`, `!=`, joined with ` OR `.
    /// Nothing to match gives `1==1` (negated: `1!=1`).
    public static func compile(_ match: TaskMatch) -> String {
        let negate = match.not == true
        var clauses: [String] = []
        func list(_ path: String, _ values: [String]?) {
            let values = unique(values)
            guard !values.isEmpty else { return }
            let items = values.map(ExpressionLiteral.quoted).joined(separator: ", ")
            clauses.append("\(path) \(negate ? "NOT IN" : "IN") [\(items)]")
        }
        func flag(_ path: String, _ value: Bool?) {
            guard let value else { return }
            clauses.append("\(path) \(negate ? "!=" : "==") \(value)")
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
        if clauses.isEmpty { return negate ? matchNone : matchAll }
        return clauses.joined(separator: negate ? " OR " : " AND ")
    }

    /// The values without duplicates, first occurrence kept.
    static func unique(_ values: [String]?) -> [String] {
        guard let values, !values.isEmpty else { return [] }
        // Compare by Unicode scalars (UTF-8 bytes), as TaskRouter does: no normalization.
        var seen = Set<[UInt8]>()
        var result: [String] = []
        result.reserveCapacity(values.count)
        for value in values where seen.insert(Array(value.utf8)).inserted { result.append(value) }
        return result
    }
}
