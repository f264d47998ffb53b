/// `{}` in the Engine's JSON: used as the value of sets such as `ExposedPorts` and `Volumes`.
public struct EmptyObject: Codable, Sendable, Equatable, Hashable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {
        // Synthesised encoding of an empty struct would not open a container; the daemon wants `{}`.
        _ = encoder.container(keyedBy: AnyKey.self)
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// `PortBindings` / `NetworkSettings.Ports`: "80/tcp" → host bindings. The daemon writes `null` for an
/// exposed port that is not published; that decodes as an empty list.
public struct PortMap: Codable, Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public var bindings: [String: [PortBinding]]

    public init(_ bindings: [String: [PortBinding]] = [:]) { self.bindings = bindings }
    public init(dictionaryLiteral elements: (String, [PortBinding])...) {
        self.bindings = Dictionary(elements, uniquingKeysWith: { $1 })
    }
    public subscript(port: String) -> [PortBinding]? {
        get { bindings[port] }
        set { bindings[port] = newValue }
    }
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: [PortBinding]?].self)
        self.bindings = raw.mapValues { $0 ?? [] }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(bindings)
    }
}

public struct PortBinding: Codable, Sendable, Equatable, Hashable {
    public var hostIp: String?
    public var hostPort: String?
    public init(hostIp: String? = nil, hostPort: String? = nil) {
        self.hostIp = hostIp
        self.hostPort = hostPort
    }
    enum CodingKeys: String, CodingKey {
        case hostIp = "HostIp", hostPort = "HostPort"
    }
}
