/// The desired state cannot be reached whatever the executor does: say what and how to fix it.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
