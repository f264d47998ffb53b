public import OrderedCollections

/// A whole Compose application after loading: every short syntax turned into its canonical long form.
public struct Project: Sendable, Hashable {
    public var name: String
    /// Absolute directory relative paths are resolved against.
    public var workingDir: String
    public var composeFiles: [String]
    public var services: OrderedDictionary<String, Service>
    public var networks: OrderedDictionary<String, Network>
    public var volumes: OrderedDictionary<String, Volume>
    public var secrets: OrderedDictionary<String, Secret>
    public var configs: OrderedDictionary<String, Config>
    /// Top-level `models` (AI models), kept free-form.
    public var models: OrderedDictionary<String, JSONValue>
    /// Services left out by the active profiles.
    public var disabledServices: OrderedDictionary<String, Service>
    /// The variables used for interpolation, after `.env` and the process environment.
    public var environment: [String: String]
    /// Top-level `x-*` keys.
    public var extensions: OrderedDictionary<String, JSONValue>

    public init(name: String, workingDir: String = "", composeFiles: [String] = [],
                services: OrderedDictionary<String, Service> = [:],
                networks: OrderedDictionary<String, Network> = [:],
                volumes: OrderedDictionary<String, Volume> = [:],
                secrets: OrderedDictionary<String, Secret> = [:],
                configs: OrderedDictionary<String, Config> = [:],
                models: OrderedDictionary<String, JSONValue> = [:],
                disabledServices: OrderedDictionary<String, Service> = [:],
                environment: [String: String] = [:],
                extensions: OrderedDictionary<String, JSONValue> = [:]) {
        self.name = name
        self.workingDir = workingDir
        self.composeFiles = composeFiles
        self.services = services
        self.networks = networks
        self.volumes = volumes
        self.secrets = secrets
        self.configs = configs
        self.models = models
        self.disabledServices = disabledServices
        self.environment = environment
        self.extensions = extensions
    }
}
