public import OrderedCollections

/// `deploy:`.
public struct DeployConfig: Sendable, Hashable {
    public var mode: String?
    public var replicas: Int?
    public var labels: OrderedDictionary<String, String> = [:]
    public var updateConfig: UpdateConfig?
    public var rollbackConfig: UpdateConfig?
    public var resources: Resources?
    public var restartPolicy: RestartPolicy?
    public var placement: Placement?
    public var endpointMode: String?
    public var extensions: OrderedDictionary<String, JSONValue> = [:]

    public init(mode: String? = nil, replicas: Int? = nil) {
        self.mode = mode
        self.replicas = replicas
    }

    public struct Resources: Sendable, Hashable {
        public var limits: Resource?
        public var reservations: Resource?
        public init(limits: Resource? = nil, reservations: Resource? = nil) {
            self.limits = limits
            self.reservations = reservations
        }
    }

    public struct Resource: Sendable, Hashable {
        public var cpus: Double?
        public var memory: ByteSize?
        public var pids: Int64?
        public var devices: [DeviceRequest] = []
        public var genericResources: [JSONValue] = []
        public init(cpus: Double? = nil, memory: ByteSize? = nil, pids: Int64? = nil) {
            self.cpus = cpus
            self.memory = memory
            self.pids = pids
        }
    }

    public struct RestartPolicy: Sendable, Hashable {
        /// "none", "on-failure", "any".
        public var condition: String?
        public var delay: ComposeDuration?
        public var maxAttempts: Int?
        public var window: ComposeDuration?
        public init(condition: String? = nil, delay: ComposeDuration? = nil, maxAttempts: Int? = nil, window: ComposeDuration? = nil) {
            self.condition = condition
            self.delay = delay
            self.maxAttempts = maxAttempts
            self.window = window
        }
    }

    public struct UpdateConfig: Sendable, Hashable {
        public var parallelism: Int?
        public var delay: ComposeDuration?
        public var failureAction: String?
        public var monitor: ComposeDuration?
        public var maxFailureRatio: Double?
        public var order: String?
        public init() {}
    }

    public struct Placement: Sendable, Hashable {
        public var constraints: [String] = []
        /// Each preference as written, e.g. ["spread": "node.labels.zone"].
        public var preferences: [OrderedDictionary<String, String>] = []
        public var maxReplicasPerNode: Int?
        public init() {}
    }
}

/// A device or GPU request (`deploy.resources.*.devices`, `gpus`). `count` -1 = all.
public struct DeviceRequest: Sendable, Hashable {
    public var capabilities: [String] = []
    public var count: Int?
    public var deviceIDs: [String] = []
    public var driver: String?
    public var options: OrderedDictionary<String, String> = [:]
    public init(capabilities: [String] = [], count: Int? = nil, deviceIDs: [String] = [], driver: String? = nil) {
        self.capabilities = capabilities
        self.count = count
        self.deviceIDs = deviceIDs
        self.driver = driver
    }
}
