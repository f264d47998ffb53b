/// Host-side container settings (`HostConfig` in create and inspect), Engine key spelling.
public struct HostConfig: Codable, Sendable, Equatable {
    public var binds: [String]?
    public var mounts: [Mount]?
    public var portBindings: PortMap?
    public var restartPolicy: RestartPolicy?
    public var networkMode: String?
    public var autoRemove: Bool?
    public var volumesFrom: [String]?
    public var volumeDriver: String?
    public var capAdd: [String]?
    public var capDrop: [String]?
    public var dns: [String]?
    public var dnsOptions: [String]?
    public var dnsSearch: [String]?
    public var extraHosts: [String]?
    public var groupAdd: [String]?
    public var ipcMode: String?
    public var pidMode: String?
    public var utsMode: String?
    public var usernsMode: String?
    public var cgroup: String?
    public var cgroupnsMode: String?
    public var cgroupParent: String?
    public var links: [String]?
    public var oomScoreAdj: Int?
    public var privileged: Bool?
    public var publishAllPorts: Bool?
    public var readonlyRootfs: Bool?
    public var securityOpt: [String]?
    public var storageOpt: [String: String]?
    public var tmpfs: [String: String]?
    public var shmSize: Int64?
    public var sysctls: [String: String]?
    public var runtime: String?
    public var isolation: String?
    public var initProcess: Bool?
    public var memory: Int64?
    public var memoryReservation: Int64?
    public var memorySwap: Int64?
    public var memorySwappiness: Int64?
    public var nanoCpus: Int64?
    public var cpuShares: Int64?
    public var cpuPeriod: Int64?
    public var cpuQuota: Int64?
    public var cpuRealtimePeriod: Int64?
    public var cpuRealtimeRuntime: Int64?
    public var cpusetCpus: String?
    public var cpusetMems: String?
    public var blkioWeight: Int?
    public var pidsLimit: Int64?
    public var oomKillDisable: Bool?
    public var ulimits: [Ulimit]?
    public var devices: [DeviceMapping]?
    public var deviceCgroupRules: [String]?
    public var deviceRequests: [DeviceRequest]?
    public var logConfig: LogConfig?
    public var containerIDFile: String?
    public var maskedPaths: [String]?
    public var readonlyPaths: [String]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case binds = "Binds", mounts = "Mounts", portBindings = "PortBindings"
        case restartPolicy = "RestartPolicy", networkMode = "NetworkMode", autoRemove = "AutoRemove"
        case volumesFrom = "VolumesFrom", volumeDriver = "VolumeDriver", capAdd = "CapAdd", capDrop = "CapDrop"
        case dns = "Dns", dnsOptions = "DnsOptions", dnsSearch = "DnsSearch", extraHosts = "ExtraHosts"
        case groupAdd = "GroupAdd", ipcMode = "IpcMode", pidMode = "PidMode", utsMode = "UTSMode"
        case usernsMode = "UsernsMode", cgroup = "Cgroup", cgroupnsMode = "CgroupnsMode"
        case cgroupParent = "CgroupParent", links = "Links", oomScoreAdj = "OomScoreAdj"
        case privileged = "Privileged", publishAllPorts = "PublishAllPorts", readonlyRootfs = "ReadonlyRootfs"
        case securityOpt = "SecurityOpt", storageOpt = "StorageOpt", tmpfs = "Tmpfs", shmSize = "ShmSize"
        case sysctls = "Sysctls", runtime = "Runtime", isolation = "Isolation", initProcess = "Init"
        case memory = "Memory", memoryReservation = "MemoryReservation", memorySwap = "MemorySwap"
        case memorySwappiness = "MemorySwappiness", nanoCpus = "NanoCpus", cpuShares = "CpuShares"
        case cpuPeriod = "CpuPeriod", cpuQuota = "CpuQuota", cpuRealtimePeriod = "CpuRealtimePeriod"
        case cpuRealtimeRuntime = "CpuRealtimeRuntime", cpusetCpus = "CpusetCpus", cpusetMems = "CpusetMems"
        case blkioWeight = "BlkioWeight", pidsLimit = "PidsLimit", oomKillDisable = "OomKillDisable"
        case ulimits = "Ulimits", devices = "Devices", deviceCgroupRules = "DeviceCgroupRules"
        case deviceRequests = "DeviceRequests", logConfig = "LogConfig", containerIDFile = "ContainerIDFile"
        case maskedPaths = "MaskedPaths", readonlyPaths = "ReadonlyPaths"
    }
}

public struct RestartPolicy: Codable, Sendable, Equatable {
    /// "", "no", "always", "unless-stopped", "on-failure".
    public var name: String?
    public var maximumRetryCount: Int?
    public init(name: String? = nil, maximumRetryCount: Int? = nil) {
        self.name = name; self.maximumRetryCount = maximumRetryCount
    }
    enum CodingKeys: String, CodingKey { case name = "Name", maximumRetryCount = "MaximumRetryCount" }
}

/// One entry of `HostConfig.Mounts`.
public struct Mount: Codable, Sendable, Equatable {
    public var target: String?
    public var source: String?
    /// "bind", "volume", "tmpfs", "npipe", "cluster".
    public var type: String?
    public var readOnly: Bool?
    public var consistency: String?
    public var bindOptions: BindOptions?
    public var volumeOptions: VolumeOptions?
    public var tmpfsOptions: TmpfsOptions?

    public init(type: String? = nil, source: String? = nil, target: String? = nil, readOnly: Bool? = nil,
                consistency: String? = nil, bindOptions: BindOptions? = nil,
                volumeOptions: VolumeOptions? = nil, tmpfsOptions: TmpfsOptions? = nil) {
        self.type = type; self.source = source; self.target = target; self.readOnly = readOnly
        self.consistency = consistency; self.bindOptions = bindOptions
        self.volumeOptions = volumeOptions; self.tmpfsOptions = tmpfsOptions
    }
    enum CodingKeys: String, CodingKey {
        case target = "Target", source = "Source", type = "Type", readOnly = "ReadOnly"
        case consistency = "Consistency", bindOptions = "BindOptions"
        case volumeOptions = "VolumeOptions", tmpfsOptions = "TmpfsOptions"
    }

    public struct BindOptions: Codable, Sendable, Equatable {
        public var propagation: String?
        public var nonRecursive: Bool?
        /// API 1.42+.
        public var createMountpoint: Bool?
        public init(propagation: String? = nil, nonRecursive: Bool? = nil, createMountpoint: Bool? = nil) {
            self.propagation = propagation; self.nonRecursive = nonRecursive
            self.createMountpoint = createMountpoint
        }
        enum CodingKeys: String, CodingKey {
            case propagation = "Propagation", nonRecursive = "NonRecursive", createMountpoint = "CreateMountpoint"
        }
    }

    public struct VolumeOptions: Codable, Sendable, Equatable {
        public var noCopy: Bool?
        public var labels: [String: String]?
        public var driverConfig: DriverConfig?
        /// API 1.45+.
        public var subpath: String?
        public init(noCopy: Bool? = nil, labels: [String: String]? = nil,
                    driverConfig: DriverConfig? = nil, subpath: String? = nil) {
            self.noCopy = noCopy; self.labels = labels; self.driverConfig = driverConfig; self.subpath = subpath
        }
        enum CodingKeys: String, CodingKey {
            case noCopy = "NoCopy", labels = "Labels", driverConfig = "DriverConfig", subpath = "Subpath"
        }
    }

    public struct DriverConfig: Codable, Sendable, Equatable {
        public var name: String?
        public var options: [String: String]?
        public init(name: String? = nil, options: [String: String]? = nil) {
            self.name = name; self.options = options
        }
        enum CodingKeys: String, CodingKey { case name = "Name", options = "Options" }
    }

    public struct TmpfsOptions: Codable, Sendable, Equatable {
        public var sizeBytes: Int64?
        public var mode: Int?
        public init(sizeBytes: Int64? = nil, mode: Int? = nil) {
            self.sizeBytes = sizeBytes; self.mode = mode
        }
        enum CodingKeys: String, CodingKey { case sizeBytes = "SizeBytes", mode = "Mode" }
    }
}

public struct Ulimit: Codable, Sendable, Equatable {
    public var name: String?
    public var soft: Int64?
    public var hard: Int64?
    public init(name: String? = nil, soft: Int64? = nil, hard: Int64? = nil) {
        self.name = name; self.soft = soft; self.hard = hard
    }
    enum CodingKeys: String, CodingKey { case name = "Name", soft = "Soft", hard = "Hard" }
}

public struct DeviceMapping: Codable, Sendable, Equatable {
    public var pathOnHost: String?
    public var pathInContainer: String?
    public var cgroupPermissions: String?
    public init(pathOnHost: String? = nil, pathInContainer: String? = nil, cgroupPermissions: String? = nil) {
        self.pathOnHost = pathOnHost; self.pathInContainer = pathInContainer
        self.cgroupPermissions = cgroupPermissions
    }
    enum CodingKeys: String, CodingKey {
        case pathOnHost = "PathOnHost", pathInContainer = "PathInContainer", cgroupPermissions = "CgroupPermissions"
    }
}

public struct DeviceRequest: Codable, Sendable, Equatable {
    public var driver: String?
    public var count: Int?
    public var deviceIDs: [String]?
    public var capabilities: [[String]]?
    public var options: [String: String]?
    public init(driver: String? = nil, count: Int? = nil, deviceIDs: [String]? = nil,
                capabilities: [[String]]? = nil, options: [String: String]? = nil) {
        self.driver = driver; self.count = count; self.deviceIDs = deviceIDs
        self.capabilities = capabilities; self.options = options
    }
    enum CodingKeys: String, CodingKey {
        case driver = "Driver", count = "Count", deviceIDs = "DeviceIDs"
        case capabilities = "Capabilities", options = "Options"
    }
}

public struct LogConfig: Codable, Sendable, Equatable {
    public var type: String?
    public var config: [String: String]?
    public init(type: String? = nil, config: [String: String]? = nil) {
        self.type = type; self.config = config
    }
    enum CodingKeys: String, CodingKey { case type = "Type", config = "Config" }
}
