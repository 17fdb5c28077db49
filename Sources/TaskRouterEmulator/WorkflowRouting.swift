import Foundation
import TaskRouterExpressions

/// A workflow `configuration`, validated and parsed: `task_routing.filters`
/// (tried from the top, first match wins) and `task_routing.default_filter`.
struct WorkflowRouting: Sendable {
    /// Where a matched task goes: a queue, optionally narrowed by a target expression
    /// evaluated against `{"task": ..., "worker": ...}`.
    struct Target: Sendable {
        let queueSid: String
        let expression: CompiledExpression?
    }

    struct Filter: Sendable {
        let friendlyName: String?
        let expression: CompiledExpression
        let targets: [Target]
    }

    let filters: [Filter]
    let defaultTarget: Target?

    /// Every queue SID the configuration names.
    var queueSids: Set<String> {
        var sids = Set(filters.flatMap { $0.targets.map(\.queueSid) })
        if let defaultTarget { sids.insert(defaultTarget.queueSid) }
        return sids
    }

    /// Parses and validates `text`; every queue must be in `knownQueues`.
    /// Errors name the offending part.
    init(parsing text: String, knownQueues: Set<String>) throws(EmulatorError) {
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw .badParameter("Invalid Configuration: not valid JSON")
        }
        guard case .object = document else { throw .badParameter("Invalid Configuration: expected a JSON object") }
        guard let routing = document["task_routing"], case .object = routing else {
            throw .badParameter("Invalid Configuration: missing object 'task_routing'")
        }
        var filters: [Filter] = []
        switch routing["filters"] {
        case nil, .null?: break
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                filters.append(try WorkflowRouting.filter(item, index: index, knownQueues: knownQueues))
            }
        default:
            throw .badParameter("Invalid Configuration: 'task_routing.filters' must be an array")
        }
        switch routing["default_filter"] {
        case nil, .null?: defaultTarget = nil
        case let value?:
            defaultTarget = try WorkflowRouting.target(
                value, path: "task_routing.default_filter", knownQueues: knownQueues)
        }
        self.filters = filters
    }

    private static func filter(_ value: JSONValue, index: Int, knownQueues: Set<String>) throws(EmulatorError)
        -> Filter
    {
        let path = "task_routing.filters[\(index)]"
        guard case .object = value else { throw .badParameter("Invalid Configuration: \(path) must be an object") }
        var name: String?
        switch value["filter_friendly_name"] ?? value["friendly_name"] {
        case nil, .null?: name = nil
        case .string(let text)?: name = text
        default: throw .badParameter("Invalid Configuration: \(path).filter_friendly_name must be a string")
        }
        guard case .string(let text)? = value["expression"] else {
            throw .badParameter("Invalid Configuration: \(path).expression must be a string")
        }
        let expression: CompiledExpression
        do {
            expression = try CompiledExpression(text)
        } catch {
            throw .badParameter("Invalid Configuration: \(path).expression: \(error.message)")
        }
        guard case .array(let items)? = value["targets"], !items.isEmpty else {
            throw .badParameter("Invalid Configuration: \(path).targets must be a non-empty array")
        }
        var targets: [Target] = []
        for (targetIndex, item) in items.enumerated() {
            targets.append(try target(item, path: "\(path).targets[\(targetIndex)]", knownQueues: knownQueues))
        }
        return Filter(friendlyName: name, expression: expression, targets: targets)
    }

    private static func target(_ value: JSONValue, path: String, knownQueues: Set<String>) throws(EmulatorError)
        -> Target
    {
        guard case .object = value else { throw .badParameter("Invalid Configuration: \(path) must be an object") }
        guard case .string(let queue)? = value["queue"] else {
            throw .badParameter("Invalid Configuration: \(path).queue must be a TaskQueue sid")
        }
        guard knownQueues.contains(queue) else {
            throw .badParameter("Invalid Configuration: \(path).queue: TaskQueue \(queue) not found in this workspace")
        }
        var expression: CompiledExpression?
        switch value["expression"] {
        case nil, .null?: expression = nil
        case .string(let text)?:
            do {
                expression = try CompiledExpression(text)
            } catch {
                throw .badParameter("Invalid Configuration: \(path).expression: \(error.message)")
            }
        default: throw .badParameter("Invalid Configuration: \(path).expression must be a string")
        }
        return Target(queueSid: queue, expression: expression)
    }

    /// The targets for a task with these attributes: the first matching filter's,
    /// else the default filter's, else none.
    func targets(for attributes: JSONValue, at now: Double) -> [Target] {
        for filter in filters where filter.expression.matches(attributes, at: now) {
            return filter.targets
        }
        return defaultTarget.map { [$0] } ?? []
    }
}
