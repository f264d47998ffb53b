/// What running a plan did: which nodes failed (with the reason), which never ran.
public struct ExecutionResult: Sendable, Equatable {
    public struct Failure: Sendable, Equatable {
        public var node: Int
        /// "Container demo-web-1".
        public var resource: String
        public var message: String
    }

    public var completed: Set<Int> = []
    public var failures: [Failure] = []
    /// Nodes not run because a predecessor failed or the run was interrupted.
    public var skipped: Set<Int> = []
    public var interrupted = false
    public var warnings: [String] = []

    public init() {}

    public var succeeded: Bool { failures.isEmpty && !interrupted }
}
