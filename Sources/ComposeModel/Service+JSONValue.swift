import OrderedCollections

extension Service {
    /// What `JSONValueEncoder().encode(self)` gives, built directly: the same keys in the same order
    /// as `encode(to:)`, with the common leaves and string maps written without an encoder.
    func canonicalJSON() throws -> JSONValue {
        var b = JSONObjectBuilder()
        try b.put("annotations", annotations)
        try b.put("attach", attach)
        try b.put("blkio_config", blkioConfig)
        try b.put("build", build)
        try b.put("cap_add", capAdd)
        try b.put("cap_drop", capDrop)
        try b.put("cgroup", cgroup)
        try b.put("cgroup_parent", cgroupParent)
        if let command { try b.always("command", command) }
        try b.put("configs", configs)
        try b.put("container_name", containerName)
        try b.put("cpu_count", cpuCount)
        try b.put("cpu_percent", cpuPercent)
        try b.put("cpu_period", cpuPeriod)
        try b.put("cpu_quota", cpuQuota)
        try b.put("cpu_rt_period", cpuRTPeriod)
        try b.put("cpu_rt_runtime", cpuRTRuntime)
        try b.put("cpu_shares", cpuShares)
        try b.put("cpus", cpus)
        try b.put("cpuset", cpuset)
        try b.put("credential_spec", credentialSpec)
        try b.put("depends_on", dependsOn)
        try b.put("deploy", deploy)
        try b.put("develop", develop)
        try b.put("device_cgroup_rules", deviceCgroupRules)
        try b.put("devices", devices)
        try b.put("dns", dns)
        try b.put("dns_opt", dnsOpt)
        try b.put("dns_search", dnsSearch)
        try b.put("domainname", domainname)
        if let entrypoint { try b.always("entrypoint", entrypoint) }
        try b.put("env_file", envFiles)
        try b.put("environment", environment)
        try b.put("expose", expose)
        try b.put("extends", extends)
        try b.put("external_links", externalLinks)
        try b.put("extra_hosts", ExtraHosts.encoded(extraHosts))
        if let gpus { try b.always("gpus", gpus) }
        try b.put("group_add", groupAdd)
        try b.put("healthcheck", healthcheck)
        try b.put("hostname", hostname)
        try b.put("image", image)
        try b.put("init", initProcess)
        try b.put("ipc", ipc)
        try b.put("isolation", isolation)
        try b.put("label_file", labelFiles)
        try b.put("labels", labels)
        try b.put("links", links)
        try b.put("logging", logging)
        try b.put("mac_address", macAddress)
        try b.put("mem_limit", memLimit)
        try b.put("mem_reservation", memReservation)
        try b.put("mem_swappiness", memSwappiness)
        try b.put("memswap_limit", memswapLimit)
        try b.put("models", models)
        try b.put("network_mode", networkMode)
        try b.put("networks", networks)
        try b.put("oom_kill_disable", oomKillDisable)
        try b.put("oom_score_adj", oomScoreAdj)
        try b.put("pid", pid)
        try b.put("pids_limit", pidsLimit)
        try b.put("platform", platform)
        try b.put("ports", ports)
        try b.put("post_start", postStart)
        try b.put("pre_stop", preStop)
        try b.put("privileged", privileged)
        try b.put("profiles", profiles)
        try b.put("provider", provider)
        try b.put("pull_policy", pullPolicy)
        try b.put("pull_refresh_after", pullRefreshAfter)
        try b.put("read_only", readOnly)
        try b.put("restart", restart)
        try b.put("runtime", runtime)
        try b.put("scale", scale)
        try b.put("secrets", secrets)
        try b.put("security_opt", securityOpt)
        try b.put("shm_size", shmSize)
        try b.put("stdin_open", stdinOpen)
        try b.put("stop_grace_period", stopGracePeriod)
        try b.put("stop_signal", stopSignal)
        try b.put("storage_opt", storageOpt)
        try b.put("sysctls", sysctls)
        try b.put("tmpfs", tmpfs)
        try b.put("tty", tty)
        try b.put("ulimits", ulimits)
        try b.put("use_api_socket", useAPISocket)
        try b.put("user", user)
        try b.put("userns_mode", userNSMode)
        try b.put("uts", uts)
        try b.put("volumes", volumes)
        try b.put("volumes_from", volumesFrom)
        try b.put("working_dir", workingDir)
        for (k, v) in extensions { b.put(k, v) }
        return b.object
    }
}

/// `FieldWriter`'s rules (unset and empty values left out) for a `JSONValue` object. Each key is
/// put once: they are collected in order and indexed once at the end, not hashed on every insert.
struct JSONObjectBuilder {
    private var keys: [String] = []
    private var values: [JSONValue] = []

    var object: JSONValue { .object(OrderedDictionary(uncheckedUniqueKeys: keys, values: values)) }

    private mutating func set(_ k: String, _ v: JSONValue) {
        keys.append(k)
        values.append(v)
    }

    mutating func put(_ k: String, _ v: String?) { if let v { set(k, .string(v)) } }
    mutating func put(_ k: String, _ v: Bool?) { if let v { set(k, .bool(v)) } }
    mutating func put(_ k: String, _ v: Int?) { if let v { set(k, .number(Double(v))) } }
    mutating func put(_ k: String, _ v: Int64?) { if let v { set(k, .number(Double(v))) } }
    mutating func put(_ k: String, _ v: Double?) { if let v { set(k, .number(v)) } }
    mutating func put(_ k: String, _ v: JSONValue?) { if let v { set(k, v) } }
    mutating func put(_ k: String, _ v: ComposeDuration?) { if let v { set(k, .string(v.description)) } }
    mutating func put(_ k: String, _ v: ByteSize?) { if let v { set(k, .number(Double(v.bytes))) } }
    mutating func put(_ k: String, _ v: Healthcheck?) { if let v { set(k, v.canonicalJSON()) } }
    mutating func put(_ k: String, _ v: [ServicePort]) {
        if !v.isEmpty { set(k, .array(v.map { $0.canonicalJSON() })) }
    }
    mutating func put(_ k: String, _ v: [ServiceVolume]) throws {
        if !v.isEmpty { set(k, .array(try v.map { try $0.canonicalJSON() })) }
    }
    mutating func put(_ k: String, _ v: [String]) {
        if !v.isEmpty { set(k, .array(v.map { .string($0) })) }
    }
    mutating func put(_ k: String, _ v: OrderedDictionary<String, String>) {
        if !v.isEmpty { set(k, .object(v.mapValues { .string($0) })) }
    }
    mutating func put(_ k: String, _ v: OrderedDictionary<String, String?>) {
        if !v.isEmpty { set(k, .object(v.mapValues { $0.map { .string($0) } ?? .null })) }
    }
    mutating func put(_ k: String, _ v: Logging?) { if let v { set(k, v.canonicalJSON()) } }
    mutating func put(_ k: String, _ v: ServiceVolume.BindOptions?) { if let v { set(k, v.canonicalJSON()) } }
    mutating func put(_ k: String, _ v: OrderedDictionary<String, ServiceDependency>) {
        if !v.isEmpty { set(k, .object(v.mapValues { $0.canonicalJSON() })) }
    }
    mutating func put(_ k: String, _ v: OrderedDictionary<String, Ulimit>) {
        if !v.isEmpty { set(k, .object(v.mapValues { $0.canonicalJSON() })) }
    }
    /// Networks are mostly named without options (null).
    mutating func put(_ k: String, _ v: OrderedDictionary<String, ServiceNetwork?>) throws {
        if !v.isEmpty { set(k, .object(try v.mapValues { try $0.map { try JSONValueEncoder().encode($0) } ?? .null })) }
    }
    mutating func put<T: Encodable>(_ k: String, _ v: T?) throws {
        if let v { set(k, try JSONValueEncoder().encode(v)) }
    }
    mutating func put<T: Encodable>(_ k: String, _ v: [T]) throws {
        if !v.isEmpty { set(k, try JSONValueEncoder().encode(v)) }
    }
    mutating func put<V: Encodable>(_ k: String, _ v: OrderedDictionary<String, V>) throws {
        if !v.isEmpty { set(k, try JSONValueEncoder().encode(EncodedMap(v))) }
    }
    /// Written even when empty (`command: []`).
    mutating func always(_ k: String, _ v: [String]) { set(k, .array(v.map { .string($0) })) }
    mutating func always<T: Encodable>(_ k: String, _ v: [T]) throws { set(k, try JSONValueEncoder().encode(v)) }
}
