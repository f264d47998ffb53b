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
        enum CodingKeys: String, CodingKey {
            case ip = "IP", privatePort = "PrivatePort", publicPort = "PublicPort", type = "Type"
        }
    }

    public struct SummaryHostConfig: Codable, Sendable, Equatable {
        public var networkMode: String?
        enum CodingKeys: String, CodingKey { case networkMode = "NetworkMode" }
    }

    public struct SummaryNetworkSettings: Codable, Sendable, Equatable {
        public var networks: [String: EndpointSettings]?
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
    enum CodingKeys: String, CodingKey {
        case type = "Type", name = "Name", source = "Source", destination = "Destination"
        case driver = "Driver", mode = "Mode", rw = "RW", propagation = "Propagation"
    }
}
