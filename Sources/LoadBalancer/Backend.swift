/// One replica the balancer can send traffic to.
public struct Backend: Sendable, Hashable {
    /// The container id; the key for `setBackends`, `drain` and the stats.
    public var id: String
    /// An IP literal (a container's address) or a host name.
    public var host: String
    public var port: Int

    public init(id: String, host: String, port: Int) {
        self.id = id
        self.host = host
        self.port = port
    }
}
