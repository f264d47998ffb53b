public import OrderedCollections

/// `env_file` entry.
public struct EnvFile: Sendable, Hashable {
    public var path: String
    public var required: Bool
    /// nil = dotenv; "raw" = no interpolation or quoting.
    public var format: String?
    public init(path: String, required: Bool = true, format: String? = nil) {
        self.path = path
        self.required = required
        self.format = format
    }
}

/// `extends:`; the short form is a service name in the same file.
public struct ExtendsConfig: Sendable, Hashable {
    public var service: String
    public var file: String?
    public init(service: String, file: String? = nil) {
        self.service = service
        self.file = file
    }
}

/// One `ulimits` entry: a single number sets both soft and hard.
public struct Ulimit: Sendable, Hashable {
    public var soft: Int64
    public var hard: Int64
    /// Written as a single number.
    public var single: Bool
    public init(soft: Int64, hard: Int64) {
        self.soft = soft
        self.hard = hard
        self.single = false
    }
    public init(_ value: Int64) {
        self.soft = value
        self.hard = value
        self.single = true
    }
}

/// `logging:`.
public struct Logging: Sendable, Hashable {
    public var driver: String?
    public var options: OrderedDictionary<String, String> = [:]
    public init(driver: String? = nil, options: OrderedDictionary<String, String> = [:]) {
        self.driver = driver
        self.options = options
    }
}

/// `devices` entry: "/dev/host[:/dev/container[:perms]]" or long form.
public struct DeviceMapping: Sendable, Hashable {
    public var source: String
    public var target: String
    public var permissions: String
    public init(source: String, target: String? = nil, permissions: String = "rwm") {
        self.source = source
        self.target = target ?? source
        self.permissions = permissions
    }
}

/// `post_start` / `pre_stop` hook.
public struct ServiceHook: Sendable, Hashable {
    public var command: [String]
    public var user: String?
    public var privileged: Bool?
    public var workingDir: String?
    public var environment: OrderedDictionary<String, String?> = [:]
    public init(command: [String], user: String? = nil, privileged: Bool? = nil, workingDir: String? = nil) {
        self.command = command
        self.user = user
        self.privileged = privileged
        self.workingDir = workingDir
    }
}

/// `provider:` (a service managed by an external component).
public struct ServiceProvider: Sendable, Hashable {
    public var type: String
    public var options: OrderedDictionary<String, [String]> = [:]
    public init(type: String) { self.type = type }
}

/// `models:` entry of a service; the list form gives defaults.
public struct ServiceModel: Sendable, Hashable {
    public var endpointVar: String?
    public var modelVar: String?
    public init(endpointVar: String? = nil, modelVar: String? = nil) {
        self.endpointVar = endpointVar
        self.modelVar = modelVar
    }
}

/// A service's `secrets`/`configs` entry; the short form is the source name.
public struct ServiceFileReference: Sendable, Hashable {
    public var source: String
    public var target: String?
    public var uid: String?
    public var gid: String?
    public var mode: UInt32?
    public var extensions: OrderedDictionary<String, JSONValue> = [:]
    public init(source: String, target: String? = nil, uid: String? = nil, gid: String? = nil, mode: UInt32? = nil) {
        self.source = source
        self.target = target
        self.uid = uid
        self.gid = gid
        self.mode = mode
    }
}

public typealias ServiceSecretReference = ServiceFileReference
public typealias ServiceConfigReference = ServiceFileReference
