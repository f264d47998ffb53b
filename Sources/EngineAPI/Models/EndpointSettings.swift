/// A container's endpoint on one network: the request side (`EndpointsConfig` in create, `EndpointConfig`
/// in connect) and the observed side (`NetworkSettings.Networks` in inspect and list).
public struct EndpointSettings: Codable, Sendable, Equatable {
    public var ipamConfig: EndpointIPAMConfig?
    public var links: [String]?
    public var aliases: [String]?
    public var macAddress: String?
    public var driverOpts: [String: String]?
    public var networkID: String?
    public var endpointID: String?
    public var gateway: String?
    public var ipAddress: String?
    public var ipPrefixLen: Int?
    public var ipv6Gateway: String?
    public var globalIPv6Address: String?
    public var globalIPv6PrefixLen: Int?
    /// API 1.44+: names the container answers to on this network.
    public var dnsNames: [String]?

    public init(ipamConfig: EndpointIPAMConfig? = nil, links: [String]? = nil, aliases: [String]? = nil,
                macAddress: String? = nil, driverOpts: [String: String]? = nil, networkID: String? = nil,
                endpointID: String? = nil, gateway: String? = nil, ipAddress: String? = nil, ipPrefixLen: Int? = nil,
                ipv6Gateway: String? = nil, globalIPv6Address: String? = nil, globalIPv6PrefixLen: Int? = nil,
                dnsNames: [String]? = nil) {
        self.ipamConfig = ipamConfig; self.links = links; self.aliases = aliases
        self.macAddress = macAddress; self.driverOpts = driverOpts; self.networkID = networkID
        self.endpointID = endpointID; self.gateway = gateway; self.ipAddress = ipAddress
        self.ipPrefixLen = ipPrefixLen; self.ipv6Gateway = ipv6Gateway; self.globalIPv6Address = globalIPv6Address
        self.globalIPv6PrefixLen = globalIPv6PrefixLen; self.dnsNames = dnsNames
    }

    enum CodingKeys: String, CodingKey {
        case ipamConfig = "IPAMConfig", links = "Links", aliases = "Aliases", macAddress = "MacAddress"
        case driverOpts = "DriverOpts", networkID = "NetworkID", endpointID = "EndpointID"
        case gateway = "Gateway", ipAddress = "IPAddress", ipPrefixLen = "IPPrefixLen"
        case ipv6Gateway = "IPv6Gateway", globalIPv6Address = "GlobalIPv6Address"
        case globalIPv6PrefixLen = "GlobalIPv6PrefixLen", dnsNames = "DNSNames"
    }
}

public struct EndpointIPAMConfig: Codable, Sendable, Equatable {
    public var ipv4Address: String?
    public var ipv6Address: String?
    public var linkLocalIPs: [String]?
    public init(ipv4Address: String? = nil, ipv6Address: String? = nil, linkLocalIPs: [String]? = nil) {
        self.ipv4Address = ipv4Address; self.ipv6Address = ipv6Address; self.linkLocalIPs = linkLocalIPs
    }
    enum CodingKeys: String, CodingKey {
        case ipv4Address = "IPv4Address", ipv6Address = "IPv6Address", linkLocalIPs = "LinkLocalIPs"
    }
}

/// `NetworkingConfig` of a container create: network name → endpoint settings.
public struct NetworkingConfig: Codable, Sendable, Equatable {
    public var endpointsConfig: [String: EndpointSettings]?
    public init(endpointsConfig: [String: EndpointSettings]? = nil) { self.endpointsConfig = endpointsConfig }
    enum CodingKeys: String, CodingKey { case endpointsConfig = "EndpointsConfig" }
}
