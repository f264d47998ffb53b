/// One `GET /containers/{id}/stats` sample, with the fields `stats` needs that the engine's typed
/// `ContainerStats` leaves out (memory cache counters, block I/O, per-CPU usage).
struct StatsSample: Decodable, Sendable, Equatable {
    struct CPU: Decodable, Sendable, Equatable {
        struct Usage: Decodable, Sendable, Equatable {
            var totalUsage: UInt64?
            var percpuUsage: [UInt64]?
            enum CodingKeys: String, CodingKey { case totalUsage = "total_usage", percpuUsage = "percpu_usage" }
        }
        var cpuUsage: Usage?
        var systemCpuUsage: UInt64?
        var onlineCpus: Int?
        enum CodingKeys: String, CodingKey {
            case cpuUsage = "cpu_usage", systemCpuUsage = "system_cpu_usage", onlineCpus = "online_cpus"
        }
    }
    struct Memory: Decodable, Sendable, Equatable {
        var usage: UInt64?
        var limit: UInt64?
        /// cgroup counters: v1 has `total_inactive_file`, v2 `inactive_file`.
        var stats: [String: UInt64]?
    }
    struct BlockIO: Decodable, Sendable, Equatable {
        struct Entry: Decodable, Sendable, Equatable {
            var op: String?
            var value: UInt64?
        }
        var ioServiceBytesRecursive: [Entry]?
        enum CodingKeys: String, CodingKey { case ioServiceBytesRecursive = "io_service_bytes_recursive" }
    }
    struct Network: Decodable, Sendable, Equatable {
        var rxBytes: UInt64?
        var txBytes: UInt64?
        enum CodingKeys: String, CodingKey { case rxBytes = "rx_bytes", txBytes = "tx_bytes" }
    }
    struct Pids: Decodable, Sendable, Equatable {
        var current: UInt64?
    }

    var id: String?
    var name: String?
    var cpuStats: CPU?
    var precpuStats: CPU?
    var memoryStats: Memory?
    var blkioStats: BlockIO?
    var networks: [String: Network]?
    var pidsStats: Pids?

    enum CodingKeys: String, CodingKey {
        case id, name, cpuStats = "cpu_stats", precpuStats = "precpu_stats", memoryStats = "memory_stats"
        case blkioStats = "blkio_stats", networks, pidsStats = "pids_stats"
    }
}
