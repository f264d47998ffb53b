/// Body of `POST /containers/create`: the `ContainerConfig` fields at top level plus `HostConfig` and
/// `NetworkingConfig`, as the Engine expects.
public struct ContainerCreateBody: Encodable, Sendable, Equatable {
    public var config: ContainerConfig
    public var hostConfig: HostConfig?
    public var networkingConfig: NetworkingConfig?

    public init(config: ContainerConfig, hostConfig: HostConfig? = nil, networkingConfig: NetworkingConfig? = nil) {
        self.config = config; self.hostConfig = hostConfig; self.networkingConfig = networkingConfig
    }

    enum CodingKeys: String, CodingKey { case hostConfig = "HostConfig", networkingConfig = "NetworkingConfig" }

    public func encode(to encoder: any Encoder) throws {
        // Flattened: the config's keys share the top-level object with HostConfig and NetworkingConfig.
        try config.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(hostConfig, forKey: .hostConfig)
        try c.encodeIfPresent(networkingConfig, forKey: .networkingConfig)
    }
}

/// Answer of `POST /containers/create`.
public struct ContainerCreateResponse: Codable, Sendable, Equatable {
    public var id: String
    public var warnings: [String]?
    enum CodingKeys: String, CodingKey { case id = "Id", warnings = "Warnings" }
}
