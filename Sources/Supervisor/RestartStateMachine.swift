/// The restart decisions for one container slot (service + number), as a pure state machine:
/// it is fed what happened and when, and returns what to do. No I/O, no clock of its own,
/// so tests drive it with made-up instants.
public struct RestartStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    public enum Action: Sendable, Equatable {
        /// Restart after this delay (the executor schedules it).
        case restart(after: Duration, attempt: Int)
        /// Leave it stopped; the reason is logged and shown by `ps`.
        case giveUp(reason: String)
        /// Nothing to do (policy says so, or already handled).
        case none
    }

    public enum State: Sendable, Equatable {
        case running(since: Instant)
        case backingOff(until: Instant, attempt: Int)
        case gaveUp(reason: String)
        case idle
    }

    public let rule: RestartRule
    public private(set) var state: State = .idle
    /// Consecutive failed runs since the last run that lasted `rule.resetAfter`.
    public private(set) var consecutiveFailures = 0
    /// Times of restarts inside the window.
    public private(set) var restarts: [Instant] = []

    public init(rule: RestartRule) {
        self.rule = rule
    }

    public var restartCount: Int { restarts.count }

    public mutating func started(at now: Instant) {
        if case .gaveUp = state { return }
        state = .running(since: now)
    }

    /// The container exited with `exitCode`.
    public mutating func exited(code exitCode: Int, at now: Instant) -> Action {
        switch rule.condition {
        case .none:
            state = .idle
            return .none
        case .onFailure where exitCode == 0, .killed where exitCode < 128:
            state = .idle
            return .none
        case .onFailure, .any, .killed:
            return failed(at: now, reason: "exited with code \(exitCode)")
        }
    }

    /// The healthcheck reported `unhealthy`.
    public mutating func unhealthy(at now: Instant) -> Action {
        guard rule.healUnhealthy else { return .none }
        return failed(at: now, reason: "unhealthy")
    }

    /// State read back from a previous supervisor process (its status file): the restart history
    /// counts again, and a container it gave up on stays given up.
    public mutating func restore(restarts count: Int, gaveUp reason: String?, at now: Instant) {
        restarts = Array(repeating: now, count: max(0, count))
        consecutiveFailures = max(0, count)
        if let reason { state = .gaveUp(reason: reason) }
    }

    /// The user stopped it (stop/down): no restart, and forget the crash history.
    public mutating func stoppedByUser() {
        state = .idle
        consecutiveFailures = 0
        restarts = []
    }

    private mutating func failed(at now: Instant, reason: String) -> Action {
        if case .gaveUp = state { return .none }
        if case .backingOff = state { return .none }  // one restart at a time
        if case .running(let since) = state, since.duration(to: now) >= rule.resetAfter {
            consecutiveFailures = 0
        }
        if let window = rule.window {
            restarts.removeAll { $0.duration(to: now) > window }
        }
        if let max = rule.maxAttempts, restarts.count >= max {
            let within = rule.window.map { " within \($0)" } ?? ""
            let why = "\(reason); gave up after \(max) restart attempts\(within)"
            state = .gaveUp(reason: why)
            return .giveUp(reason: why)
        }
        consecutiveFailures += 1
        let delay = restartBackoff(attempt: consecutiveFailures, base: rule.delay, cap: rule.maxDelay)
        state = .backingOff(until: now.advanced(by: delay), attempt: consecutiveFailures)
        restarts.append(now)
        return .restart(after: delay, attempt: consecutiveFailures)
    }
}
