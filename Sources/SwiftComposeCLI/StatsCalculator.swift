import EngineAPI
import Foundation

/// The figures `stats` shows for one sample, computed as the Engine API documents and the docker CLI
/// displays them. Pure, so the arithmetic is unit-tested.
struct StatsCalculator: Sendable, Equatable {
    var cpuPercent: Double
    var memoryUsage: Double
    var memoryLimit: Double
    var memoryPercent: Double
    var networkRx: Double
    var networkTx: Double
    var blockRead: Double
    var blockWrite: Double
    var pids: UInt64

    init(_ s: StatsSample) {
        cpuPercent = Self.cpuPercent(current: s.cpuStats, previous: s.precpuStats)
        let mem = s.memoryStats
        memoryUsage = Self.memoryUsageWithoutCache(mem)
        memoryLimit = Double(mem?.limit ?? 0)
        memoryPercent = memoryLimit != 0 ? memoryUsage / memoryLimit * 100 : 0
        var rx: UInt64 = 0, tx: UInt64 = 0
        for n in (s.networks ?? [:]).values {
            rx &+= n.rxBytes ?? 0
            tx &+= n.txBytes ?? 0
        }
        networkRx = Double(rx)
        networkTx = Double(tx)
        var read: UInt64 = 0, write: UInt64 = 0
        for e in s.blkioStats?.ioServiceBytesRecursive ?? [] {
            switch e.op?.lowercased() {
            case "read": read &+= e.value ?? 0
            case "write": write &+= e.value ?? 0
            default: break
            }
        }
        blockRead = Double(read)
        blockWrite = Double(write)
        pids = s.pidsStats?.current ?? 0
    }

    /// As `CPUPercent` computes it (shared with the autoscaler); 0 when not computable
    /// (first sample, or a stopped container), as docker stats shows it.
    static func cpuPercent(current: StatsSample.CPU?, previous: StatsSample.CPU?) -> Double {
        CPUPercent.compute(totalUsage: current?.cpuUsage?.totalUsage, previousTotalUsage: previous?.cpuUsage?.totalUsage,
                           systemUsage: current?.systemCpuUsage, previousSystemUsage: previous?.systemCpuUsage,
                           onlineCPUs: current?.onlineCpus, perCPUCount: current?.cpuUsage?.percpuUsage?.count) ?? 0
    }

    /// Usage minus the page cache the kernel can reclaim: cgroup v1 `total_inactive_file`,
    /// else cgroup v2 `inactive_file`; the raw usage when the counter is absent or not smaller.
    static func memoryUsageWithoutCache(_ m: StatsSample.Memory?) -> Double {
        let usage = m?.usage ?? 0
        if let v = m?.stats?["total_inactive_file"] {
            if v < usage { return Double(usage - v) }
        } else if let v = m?.stats?["inactive_file"], v < usage {
            return Double(usage - v)
        }
        return Double(usage)
    }

    // MARK: display, as docker stats prints it

    var cpuText: String { String(format: "%.2f%%", cpuPercent) }
    var memoryPercentText: String { String(format: "%.2f%%", memoryPercent) }
    var memoryText: String { "\(Self.binarySize(memoryUsage)) / \(Self.binarySize(memoryLimit))" }
    var networkText: String { "\(Self.decimalSize(networkRx)) / \(Self.decimalSize(networkTx))" }
    var blockText: String { "\(Self.decimalSize(blockRead)) / \(Self.decimalSize(blockWrite))" }

    /// 1024-based with 4 significant digits: "1.5MiB", "7.665GiB".
    static func binarySize(_ bytes: Double) -> String {
        scaled(bytes, base: 1024, units: ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"], digits: 4)
    }

    /// 1000-based with 3 significant digits: "1.23kB", "0B".
    static func decimalSize(_ bytes: Double) -> String {
        scaled(bytes, base: 1000, units: ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"], digits: 3)
    }

    private static func scaled(_ value: Double, base: Double, units: [String], digits: Int) -> String {
        var v = value
        var i = 0
        while v >= base && i < units.count - 1 {
            v /= base
            i += 1
        }
        return String(format: "%.\(digits)g", v) + units[i]
    }
}
