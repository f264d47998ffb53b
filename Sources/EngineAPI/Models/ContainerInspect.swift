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

    public init(
        id: String,
        created: String? = nil,
        path: String? = nil,
        args: [String]? = nil,
        state: ContainerState? = nil,
        image: String? = nil,
        resolvConfPath: String? = nil,
        hostnamePath: String? = nil,
        hostsPath: String? = nil,
        logPath: String? = nil,
        name: String? = nil,
        restartCount: Int? = nil,
        driver: String? = nil,
        platform: String? = nil,
        mountLabel: String? = nil,
        processLabel: String? = nil,
        appArmorProfile: String? = nil,
        execIDs: [String]? = nil,
        hostConfig: HostConfig? = nil,
        config: ContainerConfig? = nil,
        networkSettings: NetworkSettings? = nil,
        mounts: [MountPoint]? = nil
    ) {
        self.id = id
        self.created = created
        self.path = path
        self.args = args
        self.state = state
        self.image = image
        self.resolvConfPath = resolvConfPath
        self.hostnamePath = hostnamePath
        self.hostsPath = hostsPath
        self.logPath = logPath
        self.name = name
        self.restartCount = restartCount
        self.driver = driver
        self.platform = platform
        self.mountLabel = mountLabel
        self.processLabel = processLabel
        self.appArmorProfile = appArmorProfile
        self.execIDs = execIDs
        self.hostConfig = hostConfig
        self.config = config
        self.networkSettings = networkSettings
        self.mounts = mounts
    }

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

        public init(
            bridge: String? = nil,
            sandboxID: String? = nil,
            sandboxKey: String? = nil,
            ports: PortMap? = nil,
            networks: [String: EndpointSettings]? = nil
        ) {
            self.bridge = bridge
            self.sandboxID = sandboxID
            self.sandboxKey = sandboxKey
            self.ports = ports
            self.networks = networks
        }
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

    public init(
        status: String? = nil,
        running: Bool? = nil,
        paused: Bool? = nil,
        restarting: Bool? = nil,
        oomKilled: Bool? = nil,
        dead: Bool? = nil,
        pid: Int? = nil,
        exitCode: Int? = nil,
        error: String? = nil,
        startedAt: String? = nil,
        finishedAt: String? = nil,
        health: Health? = nil
    ) {
        self.status = status
        self.running = running
        self.paused = paused
        self.restarting = restarting
        self.oomKilled = oomKilled
        self.dead = dead
        self.pid = pid
        self.exitCode = exitCode
        self.error = error
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.health = health
    }

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

        public init(
            status: String? = nil,
            failingStreak: Int? = nil,
            log: [HealthcheckResult]? = nil
        ) {
            self.status = status
            self.failingStreak = failingStreak
            self.log = log
        }
        enum CodingKeys: String, CodingKey { case status = "Status", failingStreak = "FailingStreak", log = "Log" }
    }

    public struct HealthcheckResult: Codable, Sendable, Equatable {
        public var start: String?
        public var end: String?
        public var exitCode: Int?
        public var output: String?

        public init(
            start: String? = nil,
            end: String? = nil,
            exitCode: Int? = nil,
            output: String? = nil
        ) {
            self.start = start
            self.end = end
            self.exitCode = exitCode
            self.output = output
        }
        enum CodingKeys: String, CodingKey { case start = "Start", end = "End", exitCode = "ExitCode", output = "Output" }
    }
}
