public import OrderedCollections

/// A service's attachment to one network (`services.*.networks.<name>`).
public struct ServiceNetwork: Sendable, Hashable {
    public var aliases: [String] = []
    public var ipv4Address: String?
    public var ipv6Address: String?
    public var linkLocalIPs: [String] = []
    public var macAddress: String?
    public var priority: Int?
    public var gwPriority: Int?
    public var interfaceName: String?
    public var driverOpts: OrderedDictionary<String, String> = [:]
    public var extensions: OrderedDictionary<String, JSONValue> = [:]

    public init(aliases: [String] = [], ipv4Address: String? = nil, ipv6Address: String? = nil) {
        self.aliases = aliases
        self.ipv4Address = ipv4Address
        self.ipv6Address = ipv6Address
    }
}
