/// The Kubernetes HPA algorithm for one service, as a pure state machine fed samples and instants.
///
/// desired = ceil(current × metric / target) per metric, the highest across metrics; inside the
/// tolerance nothing changes; replicas without a sample count as 0 when scaling up and as exactly
/// on target when scaling down (conservative both ways); scale-down follows the highest
/// recommendation of the stabilization window; scale-up at most max(2×, +4) per evaluation.
public struct ScaleRecommender<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    public struct Policy: Sendable, Hashable {
        public var min: Int
        public var max: Int
        /// Target average CPU per replica, percent of one core.
        public var cpu: Double?
        /// Target active connections per replica.
        public var connections: Double?
        /// Target new connections per second per replica.
        public var connectionRate: Double?
        public var tolerance: Double
        public var scaleDownStabilization: Duration

        public init(min: Int = 1, max: Int, cpu: Double? = nil, connections: Double? = nil, connectionRate: Double? = nil,
                    tolerance: Double = 0.1, scaleDownStabilization: Duration = .seconds(300)) {
            self.min = min
            self.max = max
            self.cpu = cpu
            self.connections = connections
            self.connectionRate = connectionRate
            self.tolerance = tolerance
            self.scaleDownStabilization = scaleDownStabilization
        }
    }

    /// One replica's metrics; nil where not measured yet (starting, no stats).
    public struct Sample: Sendable, Hashable {
        public var cpu: Double?
        public var connections: Double?
        /// New connections per second since the last evaluation.
        public var connectionRate: Double?
        public init(cpu: Double? = nil, connections: Double? = nil, connectionRate: Double? = nil) {
            self.cpu = cpu
            self.connections = connections
            self.connectionRate = connectionRate
        }
    }

    /// What was decided and from what, for logs, `ps` and `events`.
    public struct Decision: Sendable, Hashable {
        public var current: Int
        public var desired: Int
        public var reason: String
    }

    public let policy: Policy
    private var history: [(at: Instant, replicas: Int)] = []

    public init(policy: Policy) {
        self.policy = policy
    }

    /// `samples` has one entry per current replica.
    public mutating func evaluate(samples: [Sample], at now: Instant) -> Decision {
        let current = samples.count
        var proposals: [(Int, String)] = []
        if let target = policy.cpu {
            proposals.append(Self.proposal(current: current, values: samples.map(\.cpu), target: target,
                                           tolerance: policy.tolerance, name: "cpu", unit: "%"))
        }
        if let target = policy.connections {
            proposals.append(Self.proposal(current: current, values: samples.map(\.connections), target: target,
                                           tolerance: policy.tolerance, name: "connections", unit: ""))
        }
        if let target = policy.connectionRate {
            proposals.append(Self.proposal(current: current, values: samples.map(\.connectionRate), target: target,
                                           tolerance: policy.tolerance, name: "new connections", unit: "/s"))
        }
        var (raw, reason) = proposals.max { $0.0 < $1.0 } ?? (current, "no metric configured")
        raw = Swift.min(Swift.max(raw, policy.min), policy.max)

        // Scale-down stabilization: follow the highest recommendation of the window.
        history.append((now, raw))
        history.removeAll { $0.at.duration(to: now) > policy.scaleDownStabilization }
        var desired = raw
        if raw < current {
            let highest = history.map(\.replicas).max() ?? raw
            if highest > raw {
                desired = Swift.min(highest, current)
                reason += "; held at \(desired) by the scale-down stabilization window"
            }
        }
        // Scale-up rate: at most doubling, or +4, per evaluation.
        let limit = Swift.max(2 * current, current + 4)
        if desired > limit {
            desired = limit
            reason += "; limited to \(limit) this period"
        }
        desired = Swift.min(Swift.max(desired, policy.min), policy.max)
        return Decision(current: current, desired: desired, reason: reason)
    }

    static func proposal(current: Int, values: [Double?], target: Double, tolerance: Double,
                         name: String, unit: String) -> (Int, String) {
        let measured = values.compactMap { $0 }
        guard current > 0, target > 0 else { return (current, "\(name): no replicas") }
        guard !measured.isEmpty else { return (current, "\(name): no metrics yet") }
        let average = measured.reduce(0, +) / Double(measured.count)
        var ratio = average / target
        let missing = current - measured.count
        if missing > 0 {
            // Re-compute with the missing replicas at 0 (scale up) or at target (scale down).
            let assumed = ratio > 1 ? 0 : target
            ratio = (measured.reduce(0, +) + Double(missing) * assumed) / Double(current) / target
        }
        let text = "\(name) \(format(average))\(unit) vs target \(format(target))\(unit) over \(measured.count)/\(current) replicas"
        if abs(ratio - 1) <= tolerance { return (current, text + ", within tolerance") }
        let desired = Int((Double(current) * ratio).rounded(.up))
        return (desired, text)
    }

    static func format(_ v: Double) -> String {
        let rounded = (v * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
