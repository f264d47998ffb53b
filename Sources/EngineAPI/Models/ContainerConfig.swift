/// The container's own configuration (`Config` in create and inspect), Engine key spelling.
public struct ContainerConfig: Codable, Sendable, Equatable {
    public var hostname: String?
    public var domainname: String?
    public var user: String?
    public var attachStdin: Bool?
    public var attachStdout: Bool?
    public var attachStderr: Bool?
    public var exposedPorts: [String: EmptyObject]?
    public var tty: Bool?
    public var openStdin: Bool?
    public var stdinOnce: Bool?
    public var env: [String]?
    public var cmd: [String]?
    public var healthcheck: HealthConfig?
    public var argsEscaped: Bool?
    public var image: String?
    public var volumes: [String: EmptyObject]?
    public var workingDir: String?
    public var entrypoint: [String]?
    public var networkDisabled: Bool?
    public var macAddress: String?
    public var onBuild: [String]?
    public var labels: [String: String]?
    public var stopSignal: String?
    public var stopTimeout: Int?
    public var shell: [String]?

    public init(
        hostname: String? = nil, domainname: String? = nil, user: String? = nil,
        attachStdin: Bool? = nil, attachStdout: Bool? = nil, attachStderr: Bool? = nil,
        exposedPorts: [String: EmptyObject]? = nil, tty: Bool? = nil, openStdin: Bool? = nil,
        stdinOnce: Bool? = nil, env: [String]? = nil, cmd: [String]? = nil,
        healthcheck: HealthConfig? = nil, argsEscaped: Bool? = nil, image: String? = nil,
        volumes: [String: EmptyObject]? = nil, workingDir: String? = nil, entrypoint: [String]? = nil,
        networkDisabled: Bool? = nil, macAddress: String? = nil, onBuild: [String]? = nil,
        labels: [String: String]? = nil, stopSignal: String? = nil, stopTimeout: Int? = nil,
        shell: [String]? = nil
    ) {
        self.hostname = hostname; self.domainname = domainname; self.user = user
        self.attachStdin = attachStdin; self.attachStdout = attachStdout; self.attachStderr = attachStderr
        self.exposedPorts = exposedPorts; self.tty = tty; self.openStdin = openStdin
        self.stdinOnce = stdinOnce; self.env = env; self.cmd = cmd
        self.healthcheck = healthcheck; self.argsEscaped = argsEscaped; self.image = image
        self.volumes = volumes; self.workingDir = workingDir; self.entrypoint = entrypoint
        self.networkDisabled = networkDisabled; self.macAddress = macAddress; self.onBuild = onBuild
        self.labels = labels; self.stopSignal = stopSignal; self.stopTimeout = stopTimeout
        self.shell = shell
    }

    enum CodingKeys: String, CodingKey {
        case hostname = "Hostname", domainname = "Domainname", user = "User"
        case attachStdin = "AttachStdin", attachStdout = "AttachStdout", attachStderr = "AttachStderr"
        case exposedPorts = "ExposedPorts", tty = "Tty", openStdin = "OpenStdin", stdinOnce = "StdinOnce"
        case env = "Env", cmd = "Cmd", healthcheck = "Healthcheck", argsEscaped = "ArgsEscaped"
        case image = "Image", volumes = "Volumes", workingDir = "WorkingDir", entrypoint = "Entrypoint"
        case networkDisabled = "NetworkDisabled", macAddress = "MacAddress", onBuild = "OnBuild"
        case labels = "Labels", stopSignal = "StopSignal", stopTimeout = "StopTimeout", shell = "Shell"
    }
}

/// `Healthcheck`: durations are nanoseconds, as the Engine wants them.
public struct HealthConfig: Codable, Sendable, Equatable {
    /// `[]` inherit, `["NONE"]` disable, `["CMD", ...]` or `["CMD-SHELL", "..."]`.
    public var test: [String]?
    public var interval: Int64?
    public var timeout: Int64?
    public var retries: Int?
    public var startPeriod: Int64?
    /// API 1.44+; older daemons ignore it.
    public var startInterval: Int64?

    public init(test: [String]? = nil, interval: Int64? = nil, timeout: Int64? = nil,
                retries: Int? = nil, startPeriod: Int64? = nil, startInterval: Int64? = nil) {
        self.test = test; self.interval = interval; self.timeout = timeout
        self.retries = retries; self.startPeriod = startPeriod; self.startInterval = startInterval
    }
    enum CodingKeys: String, CodingKey {
        case test = "Test", interval = "Interval", timeout = "Timeout", retries = "Retries"
        case startPeriod = "StartPeriod", startInterval = "StartInterval"
    }
}
