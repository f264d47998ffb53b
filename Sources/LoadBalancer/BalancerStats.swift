/// A snapshot of the balancer's counters. Totals only grow, so an autoscaler reads twice and subtracts.
public struct BalancerStats: Sendable, Hashable {
    /// In `setBackends` order, then removed ones that still have connections.
    public var backends: [BackendStats]
    /// Client connections (or UDP sessions) accepted since start.
    public var acceptedTotal: Int
    /// Client connections (or UDP sessions) open now, including ones waiting for a backend.
    public var activeConnections: Int
    public var failedConnectsTotal: Int
    /// Clients closed because no backend was there or every one failed.
    public var rejectedTotal: Int

    public init(backends: [BackendStats] = [], acceptedTotal: Int = 0, activeConnections: Int = 0, failedConnectsTotal: Int = 0, rejectedTotal: Int = 0) {
        self.backends = backends
        self.acceptedTotal = acceptedTotal
        self.activeConnections = activeConnections
        self.failedConnectsTotal = failedConnectsTotal
        self.rejectedTotal = rejectedTotal
    }

    public subscript(id: String) -> BackendStats? {
        backends.first { $0.id == id }
    }
}
