/// An attribute path: a name followed by any number of `.name` and `[index]` steps
/// (`interaction.channel`, `object.array[2]`). `taskrouter.dayOfWeek`,
/// `taskrouter.currentTime`, `taskrouter.currentHour` and `taskrouter.currentMin` are the
/// clock built-ins.
public struct AttributePath: Sendable, Hashable {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        case name(String)
        case index(Int)
    }

    /// The clock built-ins of `taskrouter.*`.
    enum Builtin: UInt8, Sendable, Hashable {
        case dayOfWeek
        case currentTime
        case currentHour
        case currentMin
        /// `taskrouter.<anything else>`: always null.
        case unknown
    }

    /// The steps of the path; the first is always a `.name`.
    public let components: [Component]
    let builtin: Builtin?

    /// A path from its steps. The first step should be a `.name`.
    public init(_ components: [Component]) {
        self.components = components
        self.builtin = Self.builtin(of: components)
    }

    /// A path of names only: `AttributePath("interaction", "channel")`.
    public init(_ names: String...) {
        self.init(names.map { .name($0) })
    }

    /// The path as written in an expression: `object.array[2]`.
    public var text: String {
        var result = ""
        for (position, component) in components.enumerated() {
            switch component {
            case .name(let name):
                if position > 0 { result += "." }
                result += name
            case .index(let index):
                result += "[\(index)]"
            }
        }
        return result
    }

    /// The first step's name (`task` in `task.channelType`).
    public var head: String? {
        if case .name(let name)? = components.first { return name }
        return nil
    }

    private static func builtin(of components: [Component]) -> Builtin? {
        guard components.count >= 1, case .name("taskrouter") = components[0] else { return nil }
        guard components.count == 2, case .name(let name) = components[1] else { return .unknown }
        switch name {
        case "dayOfWeek": return .dayOfWeek
        case "currentTime": return .currentTime
        case "currentHour": return .currentHour
        case "currentMin": return .currentMin
        default: return .unknown
        }
    }
}
