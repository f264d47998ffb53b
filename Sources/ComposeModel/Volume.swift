public import OrderedCollections

/// A top-level named volume.
public struct Volume: Sendable, Hashable {
    /// Engine-side name; the decoder fills `<project>_<key>` when not given (the key for external ones).
    public var name: String?
    public var driver: String?
    public var driverOpts: OrderedDictionary<String, String> = [:]
    public var external: Bool?
    public var labels: OrderedDictionary<String, String> = [:]
    public var extensions: OrderedDictionary<String, JSONValue> = [:]

    public init(name: String? = nil, driver: String? = nil) {
        self.name = name
        self.driver = driver
    }

    public var isExternal: Bool { external == true }
}
