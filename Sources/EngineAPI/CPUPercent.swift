/// CPU use of a container between two stats samples, as the Engine API documents it:
/// (cpu_delta / system_delta) × online CPUs × 100, so 100 means one full core.
/// Shared by `stats` and the autoscaler so both report the same figure.
public enum CPUPercent {
    /// nil when not computable: no previous sample (precpu empty), a system delta that is not
    /// positive, a CPU counter that went backwards (restart), or no CPU count.
    public static func compute(totalUsage: UInt64?, previousTotalUsage: UInt64?,
                               systemUsage: UInt64?, previousSystemUsage: UInt64?,
                               onlineCPUs: Int?, perCPUCount: Int? = nil) -> Double? {
        guard let total = totalUsage, let system = systemUsage,
              let previousSystem = previousSystemUsage, previousSystem > 0 else { return nil }
        let previousTotal = previousTotalUsage ?? 0
        guard system > previousSystem, total >= previousTotal else { return nil }
        var online = onlineCPUs ?? 0
        // Daemons before API 1.27 send no online_cpus; the per-CPU list (cgroup v1) has the count.
        if online <= 0 { online = perCPUCount ?? 0 }
        guard online > 0 else { return nil }
        return Double(total - previousTotal) / Double(system - previousSystem) * Double(online) * 100
    }

    /// The figure for one `GET /containers/{id}/stats` sample, from its `cpu_stats` and `precpu_stats`.
    public static func of(_ stats: ContainerStats) -> Double? {
        let now = stats.cpuStats, before = stats.precpuStats
        return compute(totalUsage: now?.cpuUsage?.totalUsage, previousTotalUsage: before?.cpuUsage?.totalUsage,
                       systemUsage: now?.systemCpuUsage, previousSystemUsage: before?.systemCpuUsage,
                       onlineCPUs: now?.onlineCpus, perCPUCount: now?.cpuUsage?.percpuUsage?.count)
    }
}
