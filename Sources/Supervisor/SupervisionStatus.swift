public import Foundation

/// What the supervisor knows and did, written as JSON to its status file after each change.
/// `ps` reads it from the supervisor container; a restarted supervisor reads it back to keep its history.
public struct SupervisionStatus: Codable, Sendable, Equatable {
    public struct Slot: Codable, Sendable, Equatable {
        /// "running", "backoff", "gave-up", "idle".
        public var state: String
        /// The container's ID: a recreated container starts with a clean history.
        public var id: String?
        /// Restarts done by the supervisor (inside the policy's window when there is one).
        public var restarts: Int
        /// Unix seconds of the next restart while backing off.
        public var nextRestart: Double?
        /// Why it backs off or gave up.
        public var reason: String?

        public init(state: String, id: String? = nil, restarts: Int, nextRestart: Double? = nil, reason: String? = nil) {
            self.state = state
            self.id = id
            self.restarts = restarts
            self.nextRestart = nextRestart
            self.reason = reason
        }
    }

    public struct ServiceState: Codable, Sendable, Equatable {
        public var replicas: Int
        /// The autoscaler's last decision, with its inputs.
        public var autoscale: String?
        public init(replicas: Int, autoscale: String? = nil) {
            self.replicas = replicas
            self.autoscale = autoscale
        }
    }

    public var project: String
    /// Unix seconds.
    public var updated: Double
    /// By container name.
    public var containers: [String: Slot]
    /// IDs of containers stopped by a user (`stop`), which the supervisor leaves stopped.
    public var userStopped: [String]
    public var services: [String: ServiceState]
    /// Load balancer listeners bound ("127.0.0.1:8080/tcp").
    public var listening: [String]?
    /// The netfilter chain of kernel forwarding, when connections from this host take that path.
    public var kernelChain: String?
    /// Containers drained on request (the drain file); present, maybe empty, when the supervisor drains.
    public var drained: [String]?

    public init(project: String, updated: Double = 0, containers: [String: Slot] = [:], userStopped: [String] = [],
                services: [String: ServiceState] = [:]) {
        self.project = project
        self.updated = updated
        self.containers = containers
        self.userStopped = userStopped
        self.services = services
    }

    public static func decode(_ bytes: [UInt8]) -> SupervisionStatus? {
        try? JSONDecoder().decode(SupervisionStatus.self, from: Data(bytes))
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }
}
