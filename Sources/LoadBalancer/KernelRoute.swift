/// One balanced port as the kernel forwards it: connections made on this host to the listener's
/// loopback address go straight to a backend's port (each replica's 127.0.0.1 port).
public struct KernelRoute: Sendable, Hashable {
    public var listener: ListenerSpec
    /// In rotation order; only backends on 127.0.0.1.
    public var backends: [Backend]

    public init(listener: ListenerSpec, backends: [Backend]) {
        self.listener = listener
        self.backends = backends
    }

    /// The destination the rules match: loopback clients only. A listener on a wildcard address
    /// takes them on any 127.x address; one on another address (or IPv6) is left to the proxy,
    /// since DNAT to loopback from a non-loopback destination would need `route_localnet`.
    /// UDP is left to the proxy too: conntrack would keep a client's datagrams going to a replica
    /// that is gone until the entry times out, and nothing here can delete entries.
    var matchedDestination: String? {
        guard listener.proto == .tcp else { return nil }
        switch listener.host {
        case "0.0.0.0", "": return "127.0.0.0/8"
        case let h where h.hasPrefix("127.") && !h.contains(":"): return h + "/32"
        default: return nil
        }
    }
}
