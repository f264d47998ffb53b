public import EngineAPI

/// Samples one replica's CPU for the autoscaler.
public struct StatsSampler: Sendable {
    public let engine: EngineClient

    public init(engine: EngineClient) {
        self.engine = engine
    }

    /// CPU use in percent of one core (100 = one full core), or nil when the daemon's sample cannot
    /// give it (container stopped or just started).
    ///
    /// `stream=false` without `one-shot` makes the daemon wait for a second reading, so
    /// `precpu_stats` is filled and the figure covers about the last second (`one-shot=true`,
    /// API 1.41+, would leave it empty).
    public func cpuPercent(containerID: String) async throws -> Double? {
        for try await sample in try await engine.containerStats(containerID, stream: false) {
            return CPUPercent.of(sample)
        }
        return nil
    }
}
