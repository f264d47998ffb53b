/// What the supervisor enforces for one service: `deploy.restart_policy` plus the `x-supervise`
/// extension, already resolved to values.
public struct RestartRule: Sendable, Hashable {
    public enum Condition: String, Sendable, Hashable {
        case none, onFailure = "on-failure", any
        /// No policy declared: only a replica killed by a signal (exit code ≥ 128, not stopped by a user)
        /// is brought back, like a ReplicaSet replacing a lost pod; exits the program chose stay as they are.
        case killed
    }

    public var condition: Condition
    /// First delay; Compose's `delay`, 100 ms when unset.
    public var delay: Duration
    /// Give up after this many restarts inside `window` (nil = never).
    public var maxAttempts: Int?
    /// Restarts older than this no longer count toward `maxAttempts` (nil = forever).
    public var window: Duration?
    /// Upper bound of the doubling delay.
    public var maxDelay: Duration
    /// A container that ran this long is considered healthy again: the backoff starts over.
    public var resetAfter: Duration
    /// Restart containers whose healthcheck reports `unhealthy`.
    public var healUnhealthy: Bool

    public init(condition: Condition = .any, delay: Duration = .milliseconds(100), maxAttempts: Int? = nil,
                window: Duration? = nil, maxDelay: Duration = .seconds(60), resetAfter: Duration = .seconds(10),
                healUnhealthy: Bool = true) {
        self.condition = condition
        self.delay = delay
        self.maxAttempts = maxAttempts
        self.window = window
        self.maxDelay = maxDelay
        self.resetAfter = resetAfter
        self.healUnhealthy = healUnhealthy
    }
}
