public import ComposeModel

extension RestartRule {
    /// The rule the supervisor applies to a service's containers:
    /// - `deploy.restart_policy`: enforced here (the engine's policy is `no` for such services);
    /// - `restart:` set: the engine restarts exits, the supervisor only heals unhealthy containers;
    /// - neither: replicas killed by a signal come back (`killed`), program exits stay.
    /// `x-supervise` tunes `heal`, `max_delay` and `reset_after`.
    public init(service: Service) {
        self.init()
        if let p = service.deploy?.restartPolicy {
            switch p.condition {
            case "none": condition = .none
            case "on-failure": condition = .onFailure
            default: condition = .any
            }
            if let d = p.delay { delay = max(d.duration, .milliseconds(1)) }
            maxAttempts = p.maxAttempts.flatMap { $0 > 0 ? $0 : nil }
            window = p.window.flatMap { $0.nanoseconds > 0 ? $0.duration : nil }
        } else if let r = service.restart, r != "no" {
            condition = .none
        } else {
            condition = .killed
        }
        let tuning = service.supervise
        healUnhealthy = tuning.heal
        maxDelay = tuning.maxDelay.duration
        resetAfter = tuning.resetAfter.duration
        if delay > maxDelay { maxDelay = delay }
    }
}
