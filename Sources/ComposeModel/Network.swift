public import OrderedCollections

/// A top-level network.
public struct Network: Sendable, Hashable {
    /// Engine-side name; the decoder fills `<project>_<key>` when not given (the key for external ones).
    public var name: String?
    public var driver: String?
    public var driverOpts: OrderedDictionary<String, String> = [:]
    public var attachable: Bool?
    public var enableIPv4: Bool?
    public var enableIPv6: Bool?
    public var `internal`: Bool?
    public var ipam: IPAM?
    public var labels: OrderedDictionary<String, String> = [:]
    public var external: Bool?
    public var extensions: OrderedDictionary<String, JSONValue> = [:]

    public init(name: String? = nil, driver: String? = nil) {
        self.name = name
        self.driver = driver
    }

    public var isExternal: Bool { external == true }

    public struct IPAM: Sendable, Hashable {
        public var driver: String?
        public var config: [Pool] = []
        public var options: OrderedDictionary<String, String> = [:]
        public init(driver: String? = nil, config: [Pool] = []) {
            self.driver = driver
            self.config = config
        }
    }

    public struct Pool: Sendable, Hashable {
        public var subnet: String?
        public var ipRange: String?
        public var gateway: String?
        public var auxAddresses: OrderedDictionary<String, String> = [:]
        public init(subnet: String? = nil, ipRange: String? = nil, gateway: String? = nil) {
            self.subnet = subnet
            self.ipRange = ipRange
            self.gateway = gateway
        }
    }
}
