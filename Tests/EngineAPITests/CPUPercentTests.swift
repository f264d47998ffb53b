import EngineAPI
import Foundation
import Testing

@Suite struct CPUPercentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var total: UInt64?, previousTotal: UInt64?, system: UInt64?, previousSystem: UInt64?
        var online: Int?, perCPU: Int?
        var expected: Double?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "one full core of four", total: 2_000_000_000, previousTotal: 1_000_000_000,
             system: 8_000_000_000, previousSystem: 4_000_000_000, online: 4, perCPU: nil, expected: 100),
        Case(name: "two cores busy", total: 2_000, previousTotal: 0, system: 2_000, previousSystem: 1_000,
             online: 2, perCPU: nil, expected: 400),
        Case(name: "idle but measurable", total: 500, previousTotal: 500, system: 2_000, previousSystem: 1_000,
             online: 2, perCPU: nil, expected: 0),
        Case(name: "per-CPU count without online_cpus", total: 200, previousTotal: 100, system: 2_000,
             previousSystem: 1_000, online: nil, perCPU: 2, expected: 20),
        Case(name: "no previous sample (precpu empty)", total: 200, previousTotal: nil, system: 2_000,
             previousSystem: nil, online: 2, perCPU: nil, expected: nil),
        Case(name: "precpu zeroed (one-shot)", total: 200, previousTotal: 0, system: 2_000, previousSystem: 0,
             online: 2, perCPU: nil, expected: nil),
        Case(name: "system counter did not move", total: 200, previousTotal: 100, system: 1_000,
             previousSystem: 1_000, online: 2, perCPU: nil, expected: nil),
        Case(name: "CPU counter went backwards (restart)", total: 100, previousTotal: 200, system: 2_000,
             previousSystem: 1_000, online: 2, perCPU: nil, expected: nil),
        Case(name: "no CPU count", total: 200, previousTotal: 100, system: 2_000, previousSystem: 1_000,
             online: nil, perCPU: nil, expected: nil),
        Case(name: "stopped container (all zero)", total: 0, previousTotal: 0, system: 0, previousSystem: 0,
             online: 0, perCPU: nil, expected: nil),
    ]

    @Test(arguments: cases) func compute(_ c: Case) {
        let got = CPUPercent.compute(totalUsage: c.total, previousTotalUsage: c.previousTotal, systemUsage: c.system,
                                     previousSystemUsage: c.previousSystem, onlineCPUs: c.online, perCPUCount: c.perCPU)
        if let expected = c.expected {
            #expect(got.map { abs($0 - expected) < 1e-9 } == true, "\(String(describing: got))")
        } else {
            #expect(got == nil)
        }
    }

    @Test func fromAStatsSample() throws {
        let json = """
        {"read": "2026-11-27T01:00:01Z",
         "cpu_stats": {"cpu_usage": {"total_usage": 350000000, "percpu_usage": [1, 2]},
                       "system_cpu_usage": 21000000000, "online_cpus": 2},
         "precpu_stats": {"cpu_usage": {"total_usage": 100000000}, "system_cpu_usage": 19000000000}}
        """
        let stats = try JSONDecoder().decode(ContainerStats.self, from: Data(json.utf8))
        // 250e6 / 2e9 × 2 × 100 = 25 %
        #expect(abs((CPUPercent.of(stats) ?? .nan) - 25) < 1e-9)
        #expect(stats.cpuStats?.cpuUsage?.percpuUsage == [1, 2])
        let first = try JSONDecoder().decode(ContainerStats.self, from: Data(#"{"cpu_stats": {"system_cpu_usage": 5}, "precpu_stats": {}}"#.utf8))
        #expect(CPUPercent.of(first) == nil)
    }
}
