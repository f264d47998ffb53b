public import OrderedCollections

/// `build:`; the short form (a string) is the context.
public struct BuildConfig: Sendable, Hashable {
    public var context: String?
    public var dockerfile: String?
    public var dockerfileInline: String?
    public var entitlements: [String] = []
    /// nil value = declared without a value (taken from the environment).
    public var args: OrderedDictionary<String, String?> = [:]
    public var ssh: [SSHKey] = []
    public var labels: OrderedDictionary<String, String> = [:]
    public var cacheFrom: [String] = []
    public var cacheTo: [String] = []
    public var noCache: Bool?
    public var additionalContexts: OrderedDictionary<String, String> = [:]
    public var network: String?
    public var provenance: String?
    public var sbom: String?
    public var pull: Bool?
    public var target: String?
    public var shmSize: ByteSize?
    public var extraHosts: OrderedDictionary<String, [String]> = [:]
    public var isolation: String?
    public var privileged: Bool?
    public var secrets: [ServiceSecretReference] = []
    public var tags: [String] = []
    public var ulimits: OrderedDictionary<String, Ulimit> = [:]
    public var platforms: [String] = []
    public var extensions: OrderedDictionary<String, JSONValue> = [:]

    public init(context: String? = nil) {
        self.context = context
    }

    /// `ssh:` entry: `default`, `id=path`.
    public struct SSHKey: Sendable, Hashable {
        public var id: String
        public var path: String?
        public init(id: String, path: String? = nil) {
            self.id = id
            self.path = path
        }
    }
}
