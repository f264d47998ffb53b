public import OrderedCollections

/// One service, every key of the Compose service schema in canonical form.
/// `nil` means "not set"; empty collections mean "not set" too unless noted.
public struct Service: Sendable, Hashable {
    /// The key under `services:`.
    public var name: String

    public var annotations: OrderedDictionary<String, String> = [:]
    public var attach: Bool?
    public var blkioConfig: JSONValue?
    public var build: BuildConfig?
    public var capAdd: [String] = []
    public var capDrop: [String] = []
    public var cgroup: String?
    public var cgroupParent: String?
    /// nil = not set (image default), [] = explicitly empty.
    public var command: [String]?
    public var configs: [ServiceConfigReference] = []
    public var containerName: String?
    public var cpuCount: Int64?
    public var cpuPercent: Int?
    public var cpuPeriod: Int64?
    public var cpuQuota: Int64?
    /// Microseconds.
    public var cpuRTPeriod: Int64?
    /// Microseconds.
    public var cpuRTRuntime: Int64?
    public var cpuShares: Int64?
    public var cpus: Double?
    public var cpuset: String?
    public var credentialSpec: JSONValue?
    public var dependsOn: OrderedDictionary<String, ServiceDependency> = [:]
    public var deploy: DeployConfig?
    public var develop: JSONValue?
    public var deviceCgroupRules: [String] = []
    public var devices: [DeviceMapping] = []
    public var dns: [String] = []
    public var dnsOpt: [String] = []
    public var dnsSearch: [String] = []
    public var domainname: String?
    /// nil = not set (image default), [] = explicitly empty.
    public var entrypoint: [String]?
    public var envFiles: [EnvFile] = []
    /// nil value = declared without a value (taken from the environment, or unset).
    public var environment: OrderedDictionary<String, String?> = [:]
    public var expose: [String] = []
    /// Kept for the project loader, which resolves it; nil once resolved.
    public var extends: ExtendsConfig?
    public var externalLinks: [String] = []
    /// host → addresses, in file order.
    public var extraHosts: OrderedDictionary<String, [String]> = [:]
    public var gpus: [DeviceRequest]?
    public var groupAdd: [String] = []
    public var healthcheck: Healthcheck?
    public var hostname: String?
    public var image: String?
    /// `init:` (run an init process as PID 1).
    public var initProcess: Bool?
    public var ipc: String?
    public var isolation: String?
    public var labelFiles: [String] = []
    public var labels: OrderedDictionary<String, String> = [:]
    public var links: [String] = []
    public var logging: Logging?
    public var macAddress: String?
    public var memLimit: ByteSize?
    public var memReservation: ByteSize?
    public var memSwappiness: Int?
    /// -1 = unlimited.
    public var memswapLimit: ByteSize?
    public var models: OrderedDictionary<String, ServiceModel> = [:]
    public var networkMode: String?
    /// nil value = attached with defaults.
    public var networks: OrderedDictionary<String, ServiceNetwork?> = [:]
    public var oomKillDisable: Bool?
    public var oomScoreAdj: Int?
    public var pid: String?
    public var pidsLimit: Int64?
    public var platform: String?
    public var ports: [ServicePort] = []
    public var postStart: [ServiceHook] = []
    public var preStop: [ServiceHook] = []
    public var privileged: Bool?
    public var profiles: [String] = []
    public var provider: ServiceProvider?
    public var pullPolicy: String?
    public var pullRefreshAfter: String?
    public var readOnly: Bool?
    public var restart: String?
    public var runtime: String?
    public var scale: Int?
    public var secrets: [ServiceSecretReference] = []
    public var securityOpt: [String] = []
    public var shmSize: ByteSize?
    public var stdinOpen: Bool?
    public var stopGracePeriod: ComposeDuration?
    public var stopSignal: String?
    public var storageOpt: OrderedDictionary<String, String> = [:]
    public var sysctls: OrderedDictionary<String, String> = [:]
    public var tmpfs: [String] = []
    public var tty: Bool?
    public var ulimits: OrderedDictionary<String, Ulimit> = [:]
    public var useAPISocket: Bool?
    public var user: String?
    public var userNSMode: String?
    public var uts: String?
    public var volumes: [ServiceVolume] = []
    public var volumesFrom: [String] = []
    public var workingDir: String?
    /// Service-level `x-*` keys.
    public var extensions: OrderedDictionary<String, JSONValue> = [:]

    public init(name: String) {
        self.name = name
    }
}

extension Service {
    /// How many containers to run: `deploy.replicas`, else `scale`, else 1.
    public var replicas: Int {
        if let r = deploy?.replicas { return r }
        if let s = scale { return s }
        return 1
    }
}
