/// Answer of `GET /containers/{id}/json`.
public struct ContainerInspect: Codable, Sendable, Equatable {
    public var id: String
    public var created: String?
    public var path: String?
    public var args: [String]?
    public var state: ContainerState?
    public var image: String?
    public var resolvConfPath: String?
    public var hostnamePath: String?
    public var hostsPath: String?
    public var logPath: String?
    public var name: String?
    public var restartCount: Int?
    public var driver: String?
    public var platform: String?
    public var mountLabel: String?
    public var processLabel: String?
    public var appArmorProfile: String?
    public var execIDs: [String]?
    public var hostConfig: HostConfig?
    public var config: ContainerConfig?
    public var networkSettings: NetworkSettings?
    public var mounts: [MountPoint]?

    enum CodingKeys: String, CodingKey {
        case id = "Id", created = "Created", path = "Path", args = "Args", state = "State", image = "Image"
        case resolvConfPath = "ResolvConfPath", hostnamePath = "HostnamePath", hostsPath = "HostsPath"
        case logPath = "LogPath", name = "Name", restartCount = "RestartCount", driver = "Driver"
        case platform = "Platform", mountLabel = "MountLabel", processLabel = "ProcessLabel"
        case appArmorProfile = "AppArmorProfile", execIDs = "ExecIDs", hostConfig = "HostConfig"
        case config = "Config", networkSettings = "NetworkSettings", mounts = "Mounts"
    }

    public struct NetworkSettings: Codable, Sendable, Equatable {
        public var bridge: String?
        public var sandboxID: String?
        public var sandboxKey: String?
        public var ports: PortMap?
        public var networks: [String: EndpointSettings]?
        enum CodingKeys: String, CodingKey {
            case bridge = "Bridge", sandboxID = "SandboxID", sandboxKey = "SandboxKey"
            case ports = "Ports", networks = "Networks"
        }
    }
}

public struct ContainerState: Codable, Sendable, Equatable {
    /// "created", "running", "paused", "restarting", "removing", "exited", "dead".
    public var status: String?
    public var running: Bool?
    public var paused: Bool?
    public var restarting: Bool?
    public var oomKilled: Bool?
    public var dead: Bool?
    public var pid: Int?
    public var exitCode: Int?
    public var error: String?
    public var startedAt: String?
    public var finishedAt: String?
    public var health: Health?

    enum CodingKeys: String, CodingKey {
        case status = "Status", running = "Running", paused = "Paused", restarting = "Restarting"
        case oomKilled = "OOMKilled", dead = "Dead", pid = "Pid", exitCode = "ExitCode", error = "Error"
        case startedAt = "StartedAt", finishedAt = "FinishedAt", health = "Health"
    }

    public struct Health: Codable, Sendable, Equatable {
        /// "none", "starting", "healthy", "unhealthy".
        public var status: String?
        public var failingStreak: Int?
        public var log: [HealthcheckResult]?
        enum CodingKeys: String, CodingKey { case status = "Status", failingStreak = "FailingStreak", log = "Log" }
    }

    public struct HealthcheckResult: Codable, Sendable, Equatable {
        public var start: String?
        public var end: String?
        public var exitCode: Int?
        public var output: String?
        enum CodingKeys: String, CodingKey { case start = "Start", end = "End", exitCode = "ExitCode", output = "Output" }
    }
}
