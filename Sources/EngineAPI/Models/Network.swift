/// Answer of `GET /networks` and `GET /networks/{id}`.
public struct Network: Codable, Sendable, Equatable {
    public var name: String
    public var id: String
    public var created: String?
    public var scope: String?
    public var driver: String?
    public var enableIPv6: Bool?
    public var ipam: IPAM?
    public var `internal`: Bool?
    public var attachable: Bool?
    public var ingress: Bool?
    public var containers: [String: NetworkContainer]?
    public var options: [String: String]?
    public var labels: [String: String]?

    public init(
        name: String,
        id: String,
        created: String? = nil,
        scope: String? = nil,
        driver: String? = nil,
        enableIPv6: Bool? = nil,
        ipam: IPAM? = nil,
        internal: Bool? = nil,
        attachable: Bool? = nil,
        ingress: Bool? = nil,
        containers: [String: NetworkContainer]? = nil,
        options: [String: String]? = nil,
        labels: [String: String]? = nil
    ) {
        self.name = name
        self.id = id
        self.created = created
        self.scope = scope
        self.driver = driver
        self.enableIPv6 = enableIPv6
        self.ipam = ipam
        self.internal = `internal`
        self.attachable = attachable
        self.ingress = ingress
        self.containers = containers
        self.options = options
        self.labels = labels
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", id = "Id", created = "Created", scope = "Scope", driver = "Driver"
        case enableIPv6 = "EnableIPv6", ipam = "IPAM", `internal` = "Internal", attachable = "Attachable"
        case ingress = "Ingress", containers = "Containers", options = "Options", labels = "Labels"
    }

    public struct NetworkContainer: Codable, Sendable, Equatable {
        public var name: String?
        public var endpointID: String?
        public var macAddress: String?
        public var ipv4Address: String?
        public var ipv6Address: String?

        public init(
            name: String? = nil,
            endpointID: String? = nil,
            macAddress: String? = nil,
            ipv4Address: String? = nil,
            ipv6Address: String? = nil
        ) {
            self.name = name
            self.endpointID = endpointID
            self.macAddress = macAddress
            self.ipv4Address = ipv4Address
            self.ipv6Address = ipv6Address
        }
        enum CodingKeys: String, CodingKey {
            case name = "Name", endpointID = "EndpointID", macAddress = "MacAddress"
            case ipv4Address = "IPv4Address", ipv6Address = "IPv6Address"
        }
    }
}

public struct IPAM: Codable, Sendable, Equatable {
    public var driver: String?
    public var config: [IPAMConfig]?
    public var options: [String: String]?
    public init(driver: String? = nil, config: [IPAMConfig]? = nil, options: [String: String]? = nil) {
        self.driver = driver; self.config = config; self.options = options
    }
    enum CodingKeys: String, CodingKey { case driver = "Driver", config = "Config", options = "Options" }
}

public struct IPAMConfig: Codable, Sendable, Equatable {
    public var subnet: String?
    public var ipRange: String?
    public var gateway: String?
    public var auxiliaryAddresses: [String: String]?
    public init(subnet: String? = nil, ipRange: String? = nil, gateway: String? = nil,
                auxiliaryAddresses: [String: String]? = nil) {
        self.subnet = subnet; self.ipRange = ipRange; self.gateway = gateway
        self.auxiliaryAddresses = auxiliaryAddresses
    }
    enum CodingKeys: String, CodingKey {
        case subnet = "Subnet", ipRange = "IPRange", gateway = "Gateway", auxiliaryAddresses = "AuxiliaryAddress"
    }
}

/// Body of `POST /networks/create`.
public struct NetworkCreateBody: Codable, Sendable, Equatable {
    public var name: String
    /// Removed from newer APIs (always on); older daemons need it to refuse duplicate names.
    public var checkDuplicate: Bool?
    public var driver: String?
    public var `internal`: Bool?
    public var attachable: Bool?
    public var ingress: Bool?
    public var ipam: IPAM?
    public var enableIPv6: Bool?
    public var options: [String: String]?
    public var labels: [String: String]?

    public init(name: String, checkDuplicate: Bool? = true, driver: String? = nil, internal: Bool? = nil,
                attachable: Bool? = nil, ingress: Bool? = nil, ipam: IPAM? = nil, enableIPv6: Bool? = nil,
                options: [String: String]? = nil, labels: [String: String]? = nil) {
        self.name = name; self.checkDuplicate = checkDuplicate; self.driver = driver
        self.internal = `internal`; self.attachable = attachable; self.ingress = ingress; self.ipam = ipam
        self.enableIPv6 = enableIPv6; self.options = options; self.labels = labels
    }
    enum CodingKeys: String, CodingKey {
        case name = "Name", checkDuplicate = "CheckDuplicate", driver = "Driver", `internal` = "Internal"
        case attachable = "Attachable", ingress = "Ingress", ipam = "IPAM", enableIPv6 = "EnableIPv6"
        case options = "Options", labels = "Labels"
    }
}

public struct NetworkCreateResponse: Codable, Sendable, Equatable {
    public var id: String
    public var warning: String?
    enum CodingKeys: String, CodingKey { case id = "Id", warning = "Warning" }
}
