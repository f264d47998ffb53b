/// `x-autoscale` of a service: the replica range and the per-replica targets the autoscaler keeps
/// the average near (the HPA algorithm in `Supervisor.ScaleRecommender`).
public struct AutoscalePolicy: Sendable, Hashable {
    public static let key = "x-autoscale"
    public static let knownKeys = ["min", "max", "cpu", "connections", "connection_rate", "interval", "scale_down_stabilization", "tolerance"]

    public var min: Int
    public var max: Int
    /// Target average CPU per replica, in percent of one core.
    public var cpu: Double?
    /// Target active connections per replica.
    public var connections: Double?
    /// Target new connections per second per replica.
    public var connectionRate: Double?
    /// How often to sample and decide.
    public var interval: ComposeDuration
    /// How long a lower recommendation must persist before scaling down.
    public var scaleDownStabilization: ComposeDuration
    /// Relative deviation from the target ignored, 0...1.
    public var tolerance: Double

    public init(min: Int = 1, max: Int, cpu: Double? = nil, connections: Double? = nil, connectionRate: Double? = nil,
                interval: ComposeDuration = ComposeDuration(seconds: 15),
                scaleDownStabilization: ComposeDuration = ComposeDuration(seconds: 300),
                tolerance: Double = 0.1) {
        self.min = min
        self.max = max
        self.cpu = cpu
        self.connections = connections
        self.connectionRate = connectionRate
        self.interval = interval
        self.scaleDownStabilization = scaleDownStabilization
        self.tolerance = tolerance
    }

    /// Decodes and checks the extension's value, filling defaults.
    public init(decoding value: JSONValue) throws(PolicyError) {
        let f = try PolicyFields(value, known: Self.knownKeys)
        let min = try f.integer("min") ?? 1
        guard min >= 0 else { throw PolicyError(key: "min", "must be >= 0") }
        guard let max = try f.integer("max") else {
            throw PolicyError(key: nil, "\"max\" is required", hint: "set the largest number of replicas, e.g. max: 5")
        }
        guard max >= min else {
            throw PolicyError(key: "max", "must be >= min (\(min))", hint: f.has("min") ? nil : "min defaults to 1")
        }
        let cpu = try f.number("cpu")
        if let cpu, cpu <= 0 { throw PolicyError(key: "cpu", "must be > 0") }
        let connections = try f.number("connections")
        if let connections, connections <= 0 { throw PolicyError(key: "connections", "must be > 0") }
        let rate = try f.number("connection_rate")
        if let rate, rate <= 0 { throw PolicyError(key: "connection_rate", "must be > 0") }
        guard cpu != nil || connections != nil || rate != nil else {
            throw PolicyError(key: nil, "needs a target: \"cpu\", \"connections\" or \"connection_rate\"",
                              hint: "e.g. cpu: 70 (percent of one core per replica)")
        }
        let interval = try f.duration("interval") ?? ComposeDuration(seconds: 15)
        guard interval.nanoseconds > 0 else { throw PolicyError(key: "interval", "must be > 0") }
        let stabilization = try f.duration("scale_down_stabilization") ?? ComposeDuration(seconds: 300)
        guard stabilization.nanoseconds >= 0 else { throw PolicyError(key: "scale_down_stabilization", "must be >= 0") }
        let tolerance = try f.number("tolerance") ?? 0.1
        guard tolerance >= 0 && tolerance <= 1 else { throw PolicyError(key: "tolerance", "must be between 0 and 1") }
        self.init(min: min, max: max, cpu: cpu, connections: connections, connectionRate: rate, interval: interval,
                  scaleDownStabilization: stabilization, tolerance: tolerance)
    }
}
