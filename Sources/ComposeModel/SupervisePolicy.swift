/// `x-supervise` of a service: how the supervisor restarts its containers. Every service has one;
/// an absent extension means the defaults.
public struct SupervisePolicy: Sendable, Hashable {
    public static let key = "x-supervise"
    public static let knownKeys = ["heal", "max_delay", "reset_after"]

    /// Restart containers their healthcheck reports unhealthy.
    public var heal: Bool
    /// Cap of the restart backoff.
    public var maxDelay: ComposeDuration
    /// How long a container must run before its backoff starts over.
    public var resetAfter: ComposeDuration

    public init(heal: Bool = true, maxDelay: ComposeDuration = ComposeDuration(seconds: 60),
                resetAfter: ComposeDuration = ComposeDuration(seconds: 10)) {
        self.heal = heal
        self.maxDelay = maxDelay
        self.resetAfter = resetAfter
    }

    /// Decodes and checks the extension's value, filling defaults.
    public init(decoding value: JSONValue) throws(PolicyError) {
        let f = try PolicyFields(value, known: Self.knownKeys)
        let heal = try f.bool("heal") ?? true
        let maxDelay = try f.duration("max_delay") ?? ComposeDuration(seconds: 60)
        guard maxDelay.nanoseconds > 0 else { throw PolicyError(key: "max_delay", "must be > 0") }
        let resetAfter = try f.duration("reset_after") ?? ComposeDuration(seconds: 10)
        guard resetAfter.nanoseconds >= 0 else { throw PolicyError(key: "reset_after", "must be >= 0") }
        self.init(heal: heal, maxDelay: maxDelay, resetAfter: resetAfter)
    }
}
