/// Why the desired state of a company cannot be built.
public struct SyncPlanningError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
