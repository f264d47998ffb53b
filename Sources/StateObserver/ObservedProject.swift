/// What the engine holds for one project, read in a few list calls.
/// The planner compares it with the desired `Project`; nothing here talks to the engine.
public struct ObservedProject: Sendable, Hashable {
    public var name: String
    /// Containers labelled with the project, one-off `run` containers included (`isOneoff`).
    public var containers: [ObservedContainer]
    /// Networks by engine name: those labelled with the project, plus any the project refers to by name.
    public var networks: [String: ObservedNetwork]
    /// Volumes by engine name, chosen the same way as networks.
    public var volumes: [String: ObservedVolume]
    /// The project's supervisor container, when there is one (not among `containers`).
    public var supervisor: ObservedContainer?
    /// Image reference → local image ID, for the images the project uses; absent = not present locally.
    public var images: [String: String]
    /// Tagged images labelled with the project (built by it), asked for by `down --rmi` only.
    public var projectImages: [ObservedImage] = []

    public init(name: String, containers: [ObservedContainer] = [], networks: [String: ObservedNetwork] = [:],
                volumes: [String: ObservedVolume] = [:], images: [String: String] = [:]) {
        self.name = name
        self.containers = containers
        self.networks = networks
        self.volumes = volumes
        self.images = images
    }

    /// The project's containers of one service, by container number.
    public func containers(of service: String) -> [ObservedContainer] {
        containers.filter { $0.service == service && !$0.isOneoff }.sorted { ($0.number, $0.name) < ($1.number, $1.name) }
    }
}

/// One container as the list call returns it.
public struct ObservedContainer: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case created, running, paused, restarting, removing, exited, dead
    }
    public enum Health: String, Sendable, Hashable {
        case starting, healthy, unhealthy
    }

    public var id: String
    /// Without the leading `/`.
    public var name: String
    public var labels: [String: String]
    public var state: State
    /// Parsed from `Status` ("Exited (0) 3 seconds ago"); nil unless exited.
    public var exitCode: Int?
    public var health: Health?
    /// Local image ID the container runs.
    public var imageID: String
    /// Engine names of the networks it is attached to.
    public var networks: [String]
    public var mounts: [ObservedMount]
    /// Published ports, as the list call reports them.
    public var ports: [ObservedPort] = []

    public init(id: String, name: String, labels: [String: String], state: State, exitCode: Int? = nil,
                health: Health? = nil, imageID: String = "", networks: [String] = [], mounts: [ObservedMount] = []) {
        self.id = id
        self.name = name
        self.labels = labels
        self.state = state
        self.exitCode = exitCode
        self.health = health
        self.imageID = imageID
        self.networks = networks
        self.mounts = mounts
    }

    public var service: String { labels[ComposeLabels.service] ?? "" }
    /// 0 when the label is missing or not a number.
    public var number: Int { Int(labels[ComposeLabels.containerNumber] ?? "") ?? 0 }
    public var configHash: String { labels[ComposeLabels.configHash] ?? "" }
    /// Image ID recorded at creation (`com.docker.compose.image`), else the one the engine reports.
    public var imageLabel: String? { labels[ComposeLabels.image] }
    public var isOneoff: Bool { labels[ComposeLabels.oneoff] == "True" }
    public var isRunning: Bool { state == .running || state == .restarting }
    public var isSupervisor: Bool { labels[ComposeLabels.role] == ComposeLabels.supervisorRole }
}

public struct ObservedPort: Sendable, Hashable {
    public var ip: String
    public var privatePort: Int
    public var publicPort: Int?
    /// "tcp", "udp", "sctp".
    public var proto: String
    public init(ip: String, privatePort: Int, publicPort: Int?, proto: String) {
        self.ip = ip
        self.privatePort = privatePort
        self.publicPort = publicPort
        self.proto = proto
    }
}

public struct ObservedMount: Sendable, Hashable {
    /// "volume", "bind", "tmpfs".
    public var type: String
    /// Volume name (for volumes), else empty.
    public var name: String
    public var source: String
    public var destination: String

    public init(type: String, name: String = "", source: String = "", destination: String) {
        self.type = type
        self.name = name
        self.source = source
        self.destination = destination
    }

    /// Anonymous volumes have a 64-hex-digit generated name.
    public var isAnonymousVolume: Bool {
        type == "volume" && name.count == 64 && name.allSatisfy(\.isHexDigit)
    }
}

public struct ObservedNetwork: Sendable, Hashable {
    public var id: String
    public var name: String
    public var labels: [String: String]
    public init(id: String, name: String, labels: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.labels = labels
    }
}

/// An image the project built: its first tag names it for removal.
public struct ObservedImage: Sendable, Hashable {
    public var id: String
    public var tags: [String]
    /// The `com.docker.compose.service` label.
    public var service: String
    public init(id: String, tags: [String], service: String) {
        self.id = id
        self.tags = tags
        self.service = service
    }
}

public struct ObservedVolume: Sendable, Hashable {
    public var name: String
    public var labels: [String: String]
    public init(name: String, labels: [String: String] = [:]) {
        self.name = name
        self.labels = labels
    }
}
