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
