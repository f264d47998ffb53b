/// One entry of `GET /containers/json`.
public struct ContainerSummary: Codable, Sendable, Equatable {
    public var id: String
    public var names: [String]?
    public var image: String?
    public var imageID: String?
    public var command: String?
    public var created: Int64?
    public var state: String?
    public var status: String?
    public var ports: [Port]?
    public var labels: [String: String]?
    public var sizeRw: Int64?
    public var sizeRootFs: Int64?
    public var hostConfig: SummaryHostConfig?
    public var networkSettings: SummaryNetworkSettings?
    public var mounts: [MountPoint]?

    public init(
        id: String,
        names: [String]? = nil,
        image: String? = nil,
        imageID: String? = nil,
        command: String? = nil,
        created: Int64? = nil,
        state: String? = nil,
        status: String? = nil,
        ports: [Port]? = nil,
        labels: [String: String]? = nil,
        sizeRw: Int64? = nil,
        sizeRootFs: Int64? = nil,
        hostConfig: SummaryHostConfig? = nil,
        networkSettings: SummaryNetworkSettings? = nil,
        mounts: [MountPoint]? = nil
    ) {
        self.id = id
        self.names = names
        self.image = image
        self.imageID = imageID
        self.command = command
        self.created = created
        self.state = state
        self.status = status
        self.ports = ports
        self.labels = labels
        self.sizeRw = sizeRw
        self.sizeRootFs = sizeRootFs
        self.hostConfig = hostConfig
        self.networkSettings = networkSettings
        self.mounts = mounts
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id", names = "Names", image = "Image", imageID = "ImageID", command = "Command"
        case created = "Created", state = "State", status = "Status", ports = "Ports", labels = "Labels"
        case sizeRw = "SizeRw", sizeRootFs = "SizeRootFs", hostConfig = "HostConfig"
        case networkSettings = "NetworkSettings", mounts = "Mounts"
    }

    public struct Port: Codable, Sendable, Equatable {
        public var ip: String?
        public var privatePort: Int
        public var publicPort: Int?
        public var type: String

        public init(
            ip: String? = nil,
            privatePort: Int,
            publicPort: Int? = nil,
            type: String
        ) {
            self.ip = ip
            self.privatePort = privatePort
            self.publicPort = publicPort
            self.type = type
        }
        enum CodingKeys: String, CodingKey {
            case ip = "IP", privatePort = "PrivatePort", publicPort = "PublicPort", type = "Type"
        }
    }

    public struct SummaryHostConfig: Codable, Sendable, Equatable {
        public var networkMode: String?

        public init(
            networkMode: String? = nil
        ) {
            self.networkMode = networkMode
        }
        enum CodingKeys: String, CodingKey { case networkMode = "NetworkMode" }
    }

    public struct SummaryNetworkSettings: Codable, Sendable, Equatable {
        public var networks: [String: EndpointSettings]?

        public init(
            networks: [String: EndpointSettings]? = nil
        ) {
            self.networks = networks
        }
        enum CodingKeys: String, CodingKey { case networks = "Networks" }
    }
}

/// A mount as the daemon reports it (`Mounts` in list and inspect).
public struct MountPoint: Codable, Sendable, Equatable {
    public var type: String?
    public var name: String?
    public var source: String?
    public var destination: String?
    public var driver: String?
    public var mode: String?
    public var rw: Bool?
    public var propagation: String?

    public init(
        type: String? = nil,
        name: String? = nil,
        source: String? = nil,
        destination: String? = nil,
        driver: String? = nil,
        mode: String? = nil,
        rw: Bool? = nil,
        propagation: String? = nil
    ) {
        self.type = type
        self.name = name
        self.source = source
        self.destination = destination
        self.driver = driver
        self.mode = mode
        self.rw = rw
        self.propagation = propagation
    }
    enum CodingKeys: String, CodingKey {
        case type = "Type", name = "Name", source = "Source", destination = "Destination"
        case driver = "Driver", mode = "Mode", rw = "RW", propagation = "Propagation"
    }
}
