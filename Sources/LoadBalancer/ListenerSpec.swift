/// Where the balancer listens: a service's published host port.
public struct ListenerSpec: Sendable, Hashable {
    public enum Proto: String, Sendable, Hashable {
        case tcp
        case udp
    }

    /// "127.0.0.1", "0.0.0.0", "::" or another local address.
    public var host: String
    /// 0 binds an ephemeral port; `Balancer.boundPort` tells which.
    public var port: Int
    public var proto: Proto
    /// The container port behind it; only for logs.
    public var targetPort: Int

    public init(host: String, port: Int, proto: Proto = .tcp, targetPort: Int) {
        self.host = host
        self.port = port
        self.proto = proto
        self.targetPort = targetPort
    }

    /// "127.0.0.1:8080", "[::]:8080".
    var addressDescription: String {
        formatAddress(host: host, port: port)
    }
}

func formatAddress(host: String, port: Int) -> String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
}
