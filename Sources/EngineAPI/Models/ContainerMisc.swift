/// What `waitContainer` waits for.
public enum WaitCondition: String, Sendable {
    case notRunning = "not-running"
    case nextExit = "next-exit"
    case removed
}

struct WaitResponse: Decodable {
    var statusCode: Int
    var error: WaitError?
    struct WaitError: Decodable {
        var message: String?
        enum CodingKeys: String, CodingKey { case message = "Message" }
    }
    enum CodingKeys: String, CodingKey { case statusCode = "StatusCode", error = "Error" }
}

/// Answer of `GET /containers/{id}/top`.
public struct ContainerTop: Codable, Sendable, Equatable {
    public var titles: [String]?
    public var processes: [[String]]?

    public init(
        titles: [String]? = nil,
        processes: [[String]]? = nil
    ) {
        self.titles = titles
        self.processes = processes
    }
    enum CodingKeys: String, CodingKey { case titles = "Titles", processes = "Processes" }
}

/// One sample of `GET /containers/{id}/stats` (the commonly used part).
public struct ContainerStats: Codable, Sendable, Equatable {
    public var read: String?
    public var name: String?
    public var id: String?
    public var cpuStats: CPUStats?
    public var precpuStats: CPUStats?
    public var memoryStats: MemoryStats?
    public var pidsStats: PidsStats?
    public var networks: [String: NetworkStats]?

    public struct CPUStats: Codable, Sendable, Equatable {
        public var cpuUsage: CPUUsage?
        public var systemCpuUsage: UInt64?
        public var onlineCpus: Int?
        enum CodingKeys: String, CodingKey {
            case cpuUsage = "cpu_usage", systemCpuUsage = "system_cpu_usage", onlineCpus = "online_cpus"
        }
    }
    public struct CPUUsage: Codable, Sendable, Equatable {
        public var totalUsage: UInt64?
        /// Per-CPU counters; cgroup v1 only.
        public var percpuUsage: [UInt64]?
        enum CodingKeys: String, CodingKey { case totalUsage = "total_usage", percpuUsage = "percpu_usage" }
    }
    public struct MemoryStats: Codable, Sendable, Equatable {
        public var usage: UInt64?
        public var limit: UInt64?
    }
    public struct PidsStats: Codable, Sendable, Equatable {
        public var current: UInt64?
    }
    public struct NetworkStats: Codable, Sendable, Equatable {
        public var rxBytes: UInt64?
        public var txBytes: UInt64?
        enum CodingKeys: String, CodingKey { case rxBytes = "rx_bytes", txBytes = "tx_bytes" }
    }
    enum CodingKeys: String, CodingKey {
        case read, name, id, cpuStats = "cpu_stats", precpuStats = "precpu_stats"
        case memoryStats = "memory_stats", pidsStats = "pids_stats", networks
    }
}

/// `X-Docker-Container-Path-Stat` of an archive request.
public struct PathStat: Codable, Sendable, Equatable {
    public var name: String?
    public var size: Int64?
    public var mode: UInt32?
    public var mtime: String?
    public var linkTarget: String?
}

/// A tar stream read from a container with the stat of the requested path.
public struct ArchiveDownload: Sendable {
    public var stat: PathStat?
    public var bytes: AsyncThrowingStream<[UInt8], any Error>
}

/// Options of `containerLogs`.
public struct LogsOptions: Sendable, Equatable {
    public var follow: Bool
    public var stdout: Bool
    public var stderr: Bool
    /// "all" or a number of lines.
    public var tail: String?
    /// Unix seconds (or a Go duration / RFC 3339 string, as the daemon accepts).
    public var since: String?
    public var until: String?
    public var timestamps: Bool
    public init(follow: Bool = false, stdout: Bool = true, stderr: Bool = true, tail: String? = nil,
                since: String? = nil, until: String? = nil, timestamps: Bool = false) {
        self.follow = follow; self.stdout = stdout; self.stderr = stderr; self.tail = tail
        self.since = since; self.until = until; self.timestamps = timestamps
    }
}
