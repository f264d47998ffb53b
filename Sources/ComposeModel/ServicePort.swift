/// One published or exposed port in long form. A short-syntax range expands to one entry per port.
public struct ServicePort: Sendable, Hashable {
    public var name: String?
    /// Container port.
    public var target: Int
    /// Host port or range ("8080", "8000-8005"); nil = ephemeral.
    public var published: String?
    public var hostIP: String?
    /// "tcp" (default), "udp", "sctp".
    public var `protocol`: String?
    public var appProtocol: String?
    /// "ingress" (default) or "host".
    public var mode: String?
    public var extensions: [String: JSONValue] = [:]

    public init(name: String? = nil, target: Int, published: String? = nil, hostIP: String? = nil,
                protocol: String? = "tcp", appProtocol: String? = nil, mode: String? = "ingress") {
        self.name = name
        self.target = target
        self.published = published
        self.hostIP = hostIP
        self.protocol = `protocol`
        self.appProtocol = appProtocol
        self.mode = mode
    }
}

extension ServicePort {
    /// The host ports `published` names, one port or a range (`8000-8002`); nil when it is unset.
    public var publishedRange: ClosedRange<Int>? {
        guard let published else { return nil }
        let parts = published.split(separator: "-", maxSplits: 1)
        guard let low = parts.first.flatMap({ Int($0) }) else { return nil }
        guard let high = parts.count > 1 ? Int(parts[1]) : low, high >= low else { return nil }
        return low...high
    }
}

extension Service {
    /// Host ports its published ports name, a range counting each of its ports: what a load
    /// balancer in front of its replicas listens on.
    public var publishedPortCount: Int {
        ports.reduce(0) { $0 + ($1.publishedRange?.count ?? 0) }
    }
}
