/// Answer of `GET /version`.
public struct SystemVersion: Codable, Sendable, Equatable {
    public var version: String?
    public var apiVersion: String?
    public var minAPIVersion: String?
    public var gitCommit: String?
    public var goVersion: String?
    public var os: String?
    public var arch: String?
    public var kernelVersion: String?
    public var buildTime: String?
    public var experimental: Bool?

    public init(
        version: String? = nil,
        apiVersion: String? = nil,
        minAPIVersion: String? = nil,
        gitCommit: String? = nil,
        goVersion: String? = nil,
        os: String? = nil,
        arch: String? = nil,
        kernelVersion: String? = nil,
        buildTime: String? = nil,
        experimental: Bool? = nil
    ) {
        self.version = version
        self.apiVersion = apiVersion
        self.minAPIVersion = minAPIVersion
        self.gitCommit = gitCommit
        self.goVersion = goVersion
        self.os = os
        self.arch = arch
        self.kernelVersion = kernelVersion
        self.buildTime = buildTime
        self.experimental = experimental
    }
    enum CodingKeys: String, CodingKey {
        case version = "Version", apiVersion = "ApiVersion", minAPIVersion = "MinAPIVersion"
        case gitCommit = "GitCommit", goVersion = "GoVersion", os = "Os", arch = "Arch"
        case kernelVersion = "KernelVersion", buildTime = "BuildTime", experimental = "Experimental"
    }
}

/// Answer of `GET /info` (the fields we use; newer fields are ignored).
public struct SystemInfo: Codable, Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var containers: Int?
    public var containersRunning: Int?
    public var containersPaused: Int?
    public var containersStopped: Int?
    public var images: Int?
    public var driver: String?
    public var dockerRootDir: String?
    public var operatingSystem: String?
    public var osType: String?
    public var architecture: String?
    public var ncpu: Int?
    public var memTotal: Int64?
    public var serverVersion: String?
    public var kernelVersion: String?
    public var labels: [String]?
    public var securityOptions: [String]?
    public var cgroupDriver: String?
    public var cgroupVersion: String?
    public var defaultRuntime: String?
    public var experimentalBuild: Bool?
    enum CodingKeys: String, CodingKey {
        case id = "ID", name = "Name", containers = "Containers", containersRunning = "ContainersRunning"
        case containersPaused = "ContainersPaused", containersStopped = "ContainersStopped", images = "Images"
        case driver = "Driver", dockerRootDir = "DockerRootDir", operatingSystem = "OperatingSystem"
        case osType = "OSType", architecture = "Architecture", ncpu = "NCPU", memTotal = "MemTotal"
        case serverVersion = "ServerVersion", kernelVersion = "KernelVersion", labels = "Labels"
        case securityOptions = "SecurityOptions", cgroupDriver = "CgroupDriver", cgroupVersion = "CgroupVersion"
        case defaultRuntime = "DefaultRuntime", experimentalBuild = "ExperimentalBuild"
    }
}

/// Answer of `GET /_ping`: the body is "OK"; the headers carry the API version.
public struct PingResponse: Sendable, Equatable {
    public var apiVersion: String?
    public var osType: String?
    public var experimental: Bool
    public var builderVersion: String?

    public init(
        apiVersion: String? = nil,
        osType: String? = nil,
        experimental: Bool = false,
        builderVersion: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.osType = osType
        self.experimental = experimental
        self.builderVersion = builderVersion
    }
}
