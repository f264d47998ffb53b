public import ComposeModel
public import EngineAPI

/// A DAG of operations, each one Engine API call, stored in topological order
/// (every node comes after the nodes it depends on). The executor runs it without deciding anything.
public struct Plan: Sendable, Equatable {
    public var nodes: [PlanNode] = []
    /// Things the user should know that do not stop the plan (orphans, ignored keys).
    public var warnings: [String] = []
    /// Containers already in the desired state, reported as "Running" (or as they are).
    public var unchanged: [UnchangedContainer] = []

    public init() {}

    public var isEmpty: Bool { nodes.isEmpty }

    /// Appends a node and returns its id.
    @discardableResult
    mutating func add(_ operation: Operation, after: [Int] = [], waits: [DependencyWait] = []) -> Int {
        let id = nodes.count
        let deps = Array(Set(after.filter { $0 >= 0 && $0 < id })).sorted()
        nodes.append(PlanNode(id: id, operation: operation, dependsOn: deps, waits: waits))
        return id
    }

    /// `hooks` run in turn after `after`; returns what comes next waits for (`after` when there are none).
    /// `post_start` hooks follow a start, and what waits for the start waits for them, as in Docker Compose;
    /// `pre_stop` hooks precede a stop for good (not a replacement's).
    mutating func addHooks(_ hooks: [ServiceHook], _ event: HookEvent, container: ContainerRef, after: [Int]) -> [Int] {
        var last = after
        for hook in hooks { last = [add(.runHook(container, hook, event: event), after: last)] }
        return last
    }

    /// Ids of the nodes that depend on `id` directly.
    public func dependents(of id: Int) -> [Int] {
        nodes.filter { $0.dependsOn.contains(id) }.map(\.id)
    }
}

public struct UnchangedContainer: Sendable, Equatable {
    public var name: String
    public var service: String
    public var running: Bool
    public init(name: String, service: String, running: Bool) {
        self.name = name
        self.service = service
        self.running = running
    }
}

public struct PlanNode: Sendable, Equatable, Identifiable {
    public var id: Int
    public var operation: Operation
    /// Nodes that must have succeeded before this one runs.
    public var dependsOn: [Int]
    /// `depends_on` conditions the executor waits for before running this node.
    public var waits: [DependencyWait]
}

/// One `depends_on` condition on one container of the dependency.
public struct DependencyWait: Sendable, Equatable {
    public var container: String
    public var service: String
    public var condition: ServiceDependency.Condition
    /// `required: false`: a failure is a warning, not an error.
    public var required: Bool

    public init(container: String, service: String, condition: ServiceDependency.Condition, required: Bool = true) {
        self.container = container
        self.service = service
        self.condition = condition
        self.required = required
    }
}

/// A container as an operation names it: by ID when it already exists, else by name.
public struct ContainerRef: Sendable, Equatable {
    public var id: String?
    public var name: String
    public var service: String
    public init(id: String? = nil, name: String, service: String) {
        self.id = id
        self.name = name
        self.service = service
    }
    /// What to put in the API path.
    public var reference: String { id ?? name }
}

public struct ContainerCreation: Sendable, Equatable {
    /// Name given at creation (a temporary name when replacing).
    public var name: String
    public var service: String
    public var number: Int
    public var configHash: String
    public var body: ContainerCreateBody
    /// The container this one replaces (its final name is `replaces.name`).
    public var replaces: ContainerRef?

    public init(name: String, service: String, number: Int, configHash: String, body: ContainerCreateBody,
                replaces: ContainerRef? = nil) {
        self.name = name
        self.service = service
        self.number = number
        self.configHash = configHash
        self.body = body
        self.replaces = replaces
    }
}

/// Exactly one Engine API call.
public enum Operation: Sendable, Equatable {
    case createNetwork(NetworkCreateBody)
    case removeNetwork(name: String)
    case createVolume(VolumeCreateBody)
    case removeVolume(name: String)
    case pullImage(String, service: String)
    /// `DELETE /images/{name}`, not forced: an image a container still uses stays (a warning).
    case removeImage(name: String)
    case createContainer(ContainerCreation)
    case connectNetwork(network: String, container: String, endpoint: EndpointSettings)
    case startContainer(ContainerRef)
    /// `replaced`: stopped because a new container takes its place.
    case stopContainer(ContainerRef, timeout: Int?, replaced: Bool)
    case removeContainer(ContainerRef, removeVolumes: Bool, replaced: Bool)
    case renameContainer(ContainerRef, to: String)
    /// A balanced replica taken out of the supervisor's load balancers, its open connections finished
    /// (or `grace` seconds passed), before it is stopped: the drain request written into the running
    /// supervisor (`PUT /containers/{supervisor}/archive`), whose status is then watched.
    case drainContainer(ContainerRef, grace: Int)
    /// One file (secret or config content) copied into a created container: `PUT /containers/{id}/archive`.
    case copyFile(container: String, file: ContainerSpec.InjectedFile)
    /// A `post_start` or `pre_stop` hook, run to its end: one exec (create, start, inspect for the exit code).
    case runHook(ContainerRef, ServiceHook, event: HookEvent)
}

public enum HookEvent: String, Sendable, Equatable {
    case postStart = "post_start", preStop = "pre_stop"
}
