import Foundation

/// Where the daemon listens, parsed from `DOCKER_HOST`.
public enum EngineHost: Sendable, Equatable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)

    public static let defaultSocketPath = "/var/run/docker.sock"
    public static let `default` = EngineHost.unix(path: defaultSocketPath)

    /// The daemon runs on this machine: a socket, or TCP on a loopback address.
    public var isLocal: Bool {
        switch self {
        case .unix: return true
        case .tcp(let host, _): return host == "localhost" || host == "::1" || host.hasPrefix("127.")
        }
    }

    /// Parses `unix:///path`, `tcp://host:port`, `tcp://host` (2375, or 2376 with TLS), `http://`/`https://`
    /// aliases and `[v6]:port`. Empty means the default socket.
    public init(parsing value: String, tls: Bool = false) throws(EngineError) {
        let trimmed = value.trimmingWhitespace()
        if trimmed.isEmpty {
            self = .default
            return
        }
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw EngineError.invalidHost(value, reason: "expected unix:///path or tcp://host:port")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        let rest = String(trimmed[schemeEnd.upperBound...])
        switch scheme {
        case "unix":
            guard rest.hasPrefix("/") else {
                throw EngineError.invalidHost(value, reason: "a unix socket path must be absolute")
            }
            self = .unix(path: rest)
        case "tcp", "http", "https":
            // Drop any path ("tcp://host:2375/") and parse host[:port].
            let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let defaultPort = (tls || scheme == "https") ? 2376 : 2375
            var host = authority
            var port = defaultPort
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else {
                    throw EngineError.invalidHost(value, reason: "unterminated IPv6 address")
                }
                host = String(authority[authority.index(after: authority.startIndex)..<close])
                let after = authority[authority.index(after: close)...]
                if after.hasPrefix(":") {
                    guard let p = Int(after.dropFirst()), (1...65535).contains(p) else {
                        throw EngineError.invalidHost(value, reason: "invalid port")
                    }
                    port = p
                } else if !after.isEmpty {
                    throw EngineError.invalidHost(value, reason: "unexpected text after the IPv6 address")
                }
            } else if let colon = authority.lastIndex(of: ":") {
                host = String(authority[..<colon])
                guard let p = Int(authority[authority.index(after: colon)...]), (1...65535).contains(p) else {
                    throw EngineError.invalidHost(value, reason: "invalid port")
                }
                port = p
            }
            guard !host.isEmpty else {
                throw EngineError.invalidHost(value, reason: "missing host name")
            }
            self = .tcp(host: host, port: port)
        case "ssh", "npipe", "fd":
            throw EngineError.invalidHost(value, reason: "the \(scheme):// scheme is not supported; use unix:// or tcp://")
        default:
            throw EngineError.invalidHost(value, reason: "unknown scheme '\(scheme)'; use unix:// or tcp://")
        }
    }

    public var description: String {
        switch self {
        case .unix(let path): return "unix://\(path)"
        case .tcp(let host, let port):
            return host.contains(":") ? "tcp://[\(host)]:\(port)" : "tcp://\(host):\(port)"
        }
    }

    /// Value of the `Host` header: dockerd answers 400 without one, and the socket has no name.
    var hostHeader: String {
        switch self {
        case .unix: return "localhost"
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
