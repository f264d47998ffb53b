import Testing
@testable import Supervisor

@Suite struct ScaleRecommenderTests {
    typealias R = ScaleRecommender<TestInstant>

    static func samples(_ cpu: [Double?]) -> [R.Sample] { cpu.map { R.Sample(cpu: $0) } }

    @Test(arguments: [
        // (cpu per replica, target, expected desired)
        ([90.0, 90.0] as [Double?], 70.0, 3),      // ceil(2 × 90/70) = 3
        ([75.0], 70.0, 1),                         // 1.07: within tolerance
        ([140.0], 70.0, 2),
        ([700.0], 70.0, 5),                        // 10 wanted, +4 at most from 1
        ([100.0, nil] as [Double?], 50.0, 2),      // missing counts as 0 on scale-up: ratio 1 → stay
    ])
    func scaleUpTable(cpu: [Double?], target: Double, expected: Int) {
        var r = R(policy: .init(min: 1, max: 10, cpu: target))
        #expect(r.evaluate(samples: Self.samples(cpu), at: .at(0)).desired == expected)
    }

    @Test func boundedByMinAndMax() {
        var r = R(policy: .init(min: 2, max: 3, cpu: 50))
        #expect(r.evaluate(samples: Self.samples([500, 500]), at: .at(0)).desired == 3)
        var low = R(policy: .init(min: 2, max: 3, cpu: 50, scaleDownStabilization: .zero))
        #expect(low.evaluate(samples: Self.samples([1, 1, 1]), at: .at(0)).desired == 2)
    }

    @Test func scaleDownWaitsForTheStabilizationWindow() {
        var r = R(policy: .init(min: 1, max: 10, cpu: 50, scaleDownStabilization: .seconds(60)))
        // High load recommended 4 at t=0.
        #expect(r.evaluate(samples: Self.samples([100, 100]), at: .at(0)).desired == 4)
        // Load gone at t=30: the window still holds the 4.
        let held = r.evaluate(samples: Self.samples([0, 0, 0, 0]), at: .at(30))
        #expect(held.desired == 4)
        #expect(held.reason.contains("stabilization"))
        // After the window: down to min.
        #expect(r.evaluate(samples: Self.samples([0, 0, 0, 0]), at: .at(95)).desired == 1)
    }

    @Test func highestMetricWins() {
        var r = R(policy: .init(min: 1, max: 10, cpu: 50, connections: 10))
        let d = r.evaluate(samples: [R.Sample(cpu: 50, connections: 30)], at: .at(0))
        #expect(d.desired == 3)
        #expect(d.reason.contains("connections"))
    }

    @Test func newConnectionRateScales() {
        var r = R(policy: .init(min: 1, max: 10, connectionRate: 100))
        // 2 replicas taking 250 and 150 new connections/s against 100 each: ceil(2 × 2) = 4.
        let d = r.evaluate(samples: [R.Sample(connectionRate: 250), R.Sample(connectionRate: 150)], at: .at(0))
        #expect(d.desired == 4)
        #expect(d.reason.contains("new connections 200/s vs target 100/s"))
        // A replica without a rate yet (just joined) counts as 0 while scaling up.
        let e = r.evaluate(samples: [R.Sample(connectionRate: 300), R.Sample()], at: .at(15))
        #expect(e.desired == 3)
    }

    @Test func noMetricsKeepsTheCount() {
        var r = R(policy: .init(min: 1, max: 10, cpu: 50))
        #expect(r.evaluate(samples: Self.samples([nil, nil]), at: .at(0)).desired == 2)
    }
}
