/// One `depends_on` entry; the list form means `service_started`, required, no restart.
public struct ServiceDependency: Sendable, Hashable {
    public enum Condition: String, Sendable, Hashable, CaseIterable {
        case serviceStarted = "service_started"
        case serviceHealthy = "service_healthy"
        case serviceCompletedSuccessfully = "service_completed_successfully"
    }

    public var condition: Condition
    public var required: Bool
    public var restart: Bool

    public init(condition: Condition = .serviceStarted, required: Bool = true, restart: Bool = false) {
        self.condition = condition
        self.required = required
        self.restart = restart
    }
}
