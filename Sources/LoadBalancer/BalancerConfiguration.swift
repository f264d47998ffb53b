/// Tunables; the defaults suit replicas on a local bridge network.
public struct BalancerConfiguration: Sendable, Hashable {
    /// A replica that does not accept within this is skipped for the next one.
    public var connectTimeout: Duration
    /// With no backends at all, an accepted TCP client is held this long waiting for one
    /// (covers a scale-up from zero or a restart), then closed. Zero closes at once.
    public var noBackendWait: Duration
    /// After a failed connect a backend is tried only when no other one is left, for this long.
    public var failureCooldown: Duration
    /// A UDP session with no datagram either way for this long is forgotten.
    public var udpIdleTimeout: Duration
    /// When one side of a TCP pair has closed, the other one gets this long to take the bytes
    /// still queued for it before it is closed anyway.
    public var closeLinger: Duration

    public init(
        connectTimeout: Duration = .seconds(2),
        noBackendWait: Duration = .seconds(3),
        failureCooldown: Duration = .seconds(2),
        udpIdleTimeout: Duration = .seconds(30),
        closeLinger: Duration = .seconds(30)
    ) {
        self.connectTimeout = connectTimeout
        self.noBackendWait = noBackendWait
        self.failureCooldown = failureCooldown
        self.udpIdleTimeout = udpIdleTimeout
        self.closeLinger = closeLinger
    }
}
