/// Counters for one backend.
public struct BackendStats: Sendable, Hashable {
    public var id: String
    /// TCP connections (or UDP sessions) routed to it and still open, including ones still connecting.
    public var activeConnections: Int
    /// Connections (or sessions) routed to it since it was added; monotonic, so readers take differences.
    public var totalConnections: Int
    public var failedConnects: Int
    /// True when it takes no new connections: drained, or removed with connections still open.
    public var draining: Bool

    public init(id: String, activeConnections: Int, totalConnections: Int, failedConnects: Int, draining: Bool) {
        self.id = id
        self.activeConnections = activeConnections
        self.totalConnections = totalConnections
        self.failedConnects = failedConnects
        self.draining = draining
    }
}
