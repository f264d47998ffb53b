import Foundation
import Testing
@testable import SwiftComposeCLI

@Suite struct StatsCalculatorTests {
    func sample(_ json: String) throws -> StatsSample {
        try JSONDecoder().decode(StatsSample.self, from: Data(json.utf8))
    }

    @Test func cpuPercentIsDeltaRatioTimesOnlineCPUs() throws {
        let s = try sample("""
        {"cpu_stats": {"cpu_usage": {"total_usage": 300000000}, "system_cpu_usage": 20000000000, "online_cpus": 4},
         "precpu_stats": {"cpu_usage": {"total_usage": 100000000}, "system_cpu_usage": 18000000000}}
        """)
        // (200e6 / 2e9) × 4 × 100 = 40 %
        #expect(abs(StatsCalculator(s).cpuPercent - 40) < 1e-9)
        #expect(StatsCalculator(s).cpuText == "40.00%")
    }

    @Test func cpuFallsBackToPerCPUCountWithoutOnlineCPUs() throws {
        let s = try sample("""
        {"cpu_stats": {"cpu_usage": {"total_usage": 200, "percpu_usage": [1, 1]}, "system_cpu_usage": 2000},
         "precpu_stats": {"cpu_usage": {"total_usage": 100}, "system_cpu_usage": 1000}}
        """)
        #expect(abs(StatsCalculator(s).cpuPercent - 20) < 1e-9)
    }

    @Test func cpuIsZeroWithoutAPreviousSampleDelta() throws {
        let s = try sample("""
        {"cpu_stats": {"cpu_usage": {"total_usage": 200}, "system_cpu_usage": 1000, "online_cpus": 2},
         "precpu_stats": {"cpu_usage": {"total_usage": 200}, "system_cpu_usage": 1000}}
        """)
        #expect(StatsCalculator(s).cpuPercent == 0)
    }

    @Test func memorySubtractsCgroupV1InactiveFile() throws {
        let s = try sample("""
        {"memory_stats": {"usage": 10485760, "limit": 104857600,
                          "stats": {"total_inactive_file": 2097152, "inactive_file": 1048576}}}
        """)
        let f = StatsCalculator(s)
        #expect(f.memoryUsage == 8_388_608)
        #expect(abs(f.memoryPercent - 8) < 1e-9)
        #expect(f.memoryText == "8MiB / 100MiB")
        #expect(f.memoryPercentText == "8.00%")
    }

    @Test func memorySubtractsCgroupV2InactiveFile() throws {
        let s = try sample("""
        {"memory_stats": {"usage": 3000, "limit": 0, "stats": {"inactive_file": 1000}}}
        """)
        let f = StatsCalculator(s)
        #expect(f.memoryUsage == 2000)
        #expect(f.memoryPercent == 0)  // No limit: no percentage, no division by zero.
    }

    @Test func memoryKeepsUsageWhenCacheIsNotSmaller() throws {
        let s = try sample("""
        {"memory_stats": {"usage": 1000, "limit": 4000, "stats": {"total_inactive_file": 5000, "inactive_file": 10}}}
        """)
        // cgroup v1 counter present but larger: usage as is (the v2 counter is not consulted).
        #expect(StatsCalculator(s).memoryUsage == 1000)
    }

    @Test func networkAndBlockIOAreSummedAndFormattedInDecimalUnits() throws {
        let s = try sample("""
        {"networks": {"eth0": {"rx_bytes": 1500, "tx_bytes": 250}, "eth1": {"rx_bytes": 500, "tx_bytes": 0}},
         "blkio_stats": {"io_service_bytes_recursive": [
            {"op": "Read", "value": 4096}, {"op": "Write", "value": 1234567}, {"op": "Total", "value": 99},
            {"op": "read", "value": 4}]},
         "pids_stats": {"current": 7}}
        """)
        let f = StatsCalculator(s)
        #expect(f.networkText == "2kB / 250B")
        #expect(f.blockText == "4.1kB / 1.23MB")
        #expect(f.pids == 7)
    }

    @Test func sizesFollowDockerUnits() {
        #expect(StatsCalculator.binarySize(0) == "0B")
        #expect(StatsCalculator.binarySize(1023) == "1023B")
        #expect(StatsCalculator.binarySize(1536) == "1.5KiB")
        #expect(StatsCalculator.binarySize(8_230_000_000) == "7.665GiB")
        #expect(StatsCalculator.decimalSize(999) == "999B")
        #expect(StatsCalculator.decimalSize(1000) == "1kB")
        #expect(StatsCalculator.decimalSize(12_345_678) == "12.3MB")
    }

    @Test func jsonLineHasDockerFields() throws {
        let s = try sample(#"{"memory_stats": {"usage": 2048, "limit": 4096}, "pids_stats": {"current": 1}}"#)
        let line = StatsCommand.jsonLine(id: String(repeating: "a", count: 64), name: "p-web-1", StatsCalculator(s), truncate: true)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(object?["ID"] == String(repeating: "a", count: 12))
        #expect(object?["Name"] == "p-web-1")
        #expect(object?["MemUsage"] == "2KiB / 4KiB")
        #expect(object?["MemPerc"] == "50.00%")
        #expect(object?["CPUPerc"] == "0.00%")
        #expect(object?["PIDs"] == "1")
        #expect(line.hasPrefix(#"{"BlockIO":"0B / 0B","CPUPerc":"0.00%","Container":"aaaaaaaaaaaa","ID":"#))
    }
}
