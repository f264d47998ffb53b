import OrderedCollections

extension Service: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(name: decoder.codingPath.last?.stringValue ?? "")
        if decoder.shape == .null { return }
        let f = try FieldReader(decoder)
        annotations = try f.map("annotations")
        attach = try f.opt("attach", as: FlexibleBool.self)?.value
        blkioConfig = try f.opt("blkio_config")
        _ = try f.opt("blkio_config", as: BlkioConfig.self)  // checked here, where errors have a position
        build = try f.opt("build")
        capAdd = try f.strings("cap_add")
        capDrop = try f.strings("cap_drop")
        cgroup = try f.opt("cgroup")
        if let cgroup, cgroup != "host", cgroup != "private" {
            throw ValueError("invalid cgroup \"\(cgroup)\"", hint: "use host or private")
        }
        cgroupParent = try f.opt("cgroup_parent")
        command = try f.opt("command", as: ShellCommand.self)?.values
        configs = try f.opt("configs") ?? []
        containerName = try f.opt("container_name")
        cpuCount = try f.opt("cpu_count")
        cpuPercent = try f.opt("cpu_percent")
        cpuPeriod = try f.opt("cpu_period")
        cpuQuota = try f.opt("cpu_quota")
        cpuRTPeriod = try f.opt("cpu_rt_period", as: Microseconds.self)?.value
        cpuRTRuntime = try f.opt("cpu_rt_runtime", as: Microseconds.self)?.value
        cpuShares = try f.opt("cpu_shares")
        cpus = try f.opt("cpus", as: CPUCount.self)?.value
        cpuset = try f.opt("cpuset")
        credentialSpec = try f.opt("credential_spec")
        dependsOn = try f.opt("depends_on", as: DependsOn.self)?.values ?? [:]
        deploy = try f.opt("deploy")
        develop = try f.opt("develop")
        _ = try f.opt("develop", as: DevelopConfig.self)  // checked here, where errors have a position
        deviceCgroupRules = try f.strings("device_cgroup_rules")
        devices = try f.opt("devices") ?? []
        dns = try f.strings("dns")
        dnsOpt = try f.strings("dns_opt")
        dnsSearch = try f.strings("dns_search")
        domainname = try f.opt("domainname")
        entrypoint = try f.opt("entrypoint", as: ShellCommand.self)?.values
        envFiles = try f.opt("env_file", as: EnvFiles.self)?.values ?? []
        environment = try f.optionalMap("environment")
        expose = try f.strings("expose")
        extends = try f.opt("extends")
        externalLinks = try f.strings("external_links")
        extraHosts = try f.opt("extra_hosts", as: ExtraHosts.self)?.values ?? [:]
        gpus = try f.opt("gpus", as: GPUs.self)?.values
        groupAdd = try f.strings("group_add")
        healthcheck = try f.opt("healthcheck")
        hostname = try f.opt("hostname")
        image = try f.opt("image")
        initProcess = try f.opt("init", as: FlexibleBool.self)?.value
        ipc = try f.opt("ipc")
        isolation = try f.opt("isolation")
        labelFiles = try f.strings("label_file")
        labels = try f.map("labels")
        links = try f.strings("links")
        logging = try f.opt("logging")
        macAddress = try f.opt("mac_address")
        memLimit = try f.opt("mem_limit")
        memReservation = try f.opt("mem_reservation")
        memSwappiness = try f.opt("mem_swappiness")
        memswapLimit = try f.opt("memswap_limit")
        models = try f.opt("models", as: ServiceModels.self)?.values ?? [:]
        networkMode = try f.opt("network_mode")
        networks = try f.opt("networks", as: ServiceNetworks.self)?.values ?? [:]
        oomKillDisable = try f.opt("oom_kill_disable", as: FlexibleBool.self)?.value
        oomScoreAdj = try f.opt("oom_score_adj", as: OOMScore.self)?.value
        pid = try f.opt("pid")
        pidsLimit = try f.opt("pids_limit")
        platform = try f.opt("platform")
        ports = try f.opt("ports", as: [PortEntry].self)?.flatMap(\.ports) ?? []
        postStart = try f.opt("post_start") ?? []
        preStop = try f.opt("pre_stop") ?? []
        privileged = try f.opt("privileged", as: FlexibleBool.self)?.value
        profiles = try f.strings("profiles")
        provider = try f.opt("provider")
        pullPolicy = try f.opt("pull_policy", as: PullPolicy.self)?.value
        pullRefreshAfter = try f.opt("pull_refresh_after")
        readOnly = try f.opt("read_only", as: FlexibleBool.self)?.value
        restart = try f.opt("restart", as: RestartPolicyName.self)?.value
        runtime = try f.opt("runtime")
        scale = try f.opt("scale", as: NonNegative.self)?.value
        secrets = try f.opt("secrets") ?? []
        securityOpt = try f.strings("security_opt")
        shmSize = try f.opt("shm_size")
        stdinOpen = try f.opt("stdin_open", as: FlexibleBool.self)?.value
        stopGracePeriod = try f.opt("stop_grace_period")
        stopSignal = try f.opt("stop_signal")
        storageOpt = try f.map("storage_opt")
        sysctls = try f.map("sysctls")
        tmpfs = try f.strings("tmpfs")
        tty = try f.opt("tty", as: FlexibleBool.self)?.value
        ulimits = try f.opt("ulimits", as: Ulimits.self)?.values ?? [:]
        useAPISocket = try f.opt("use_api_socket", as: FlexibleBool.self)?.value
        user = try f.opt("user")
        userNSMode = try f.opt("userns_mode")
        uts = try f.opt("uts")
        volumes = try f.opt("volumes") ?? []
        volumesFrom = try f.strings("volumes_from")
        workingDir = try f.opt("working_dir")
        extensions = try f.extensions()
    }

    /// Canonical form, keys in alphabetical order as `docker compose config` prints them.
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("annotations", annotations)
        try w.put("attach", attach)
        try w.put("blkio_config", blkioConfig)
        try w.put("build", build)
        try w.put("cap_add", capAdd)
        try w.put("cap_drop", capDrop)
        try w.put("cgroup", cgroup)
        try w.put("cgroup_parent", cgroupParent)
        if let command { try w.c.encode(command, forKey: AnyCodingKey("command")) }
        try w.put("configs", configs)
        try w.put("container_name", containerName)
        try w.put("cpu_count", cpuCount)
        try w.put("cpu_percent", cpuPercent)
        try w.put("cpu_period", cpuPeriod)
        try w.put("cpu_quota", cpuQuota)
        try w.put("cpu_rt_period", cpuRTPeriod)
        try w.put("cpu_rt_runtime", cpuRTRuntime)
        try w.put("cpu_shares", cpuShares)
        try w.put("cpus", cpus)
        try w.put("cpuset", cpuset)
        try w.put("credential_spec", credentialSpec)
        try w.put("depends_on", dependsOn)
        try w.put("deploy", deploy)
        try w.put("develop", develop)
        try w.put("device_cgroup_rules", deviceCgroupRules)
        try w.put("devices", devices)
        try w.put("dns", dns)
        try w.put("dns_opt", dnsOpt)
        try w.put("dns_search", dnsSearch)
        try w.put("domainname", domainname)
        if let entrypoint { try w.c.encode(entrypoint, forKey: AnyCodingKey("entrypoint")) }
        try w.put("env_file", envFiles)
        try w.put("environment", environment)
        try w.put("expose", expose)
        try w.put("extends", extends)
        try w.put("external_links", externalLinks)
        try w.put("extra_hosts", ExtraHosts.encoded(extraHosts))
        if let gpus { try w.c.encode(gpus, forKey: AnyCodingKey("gpus")) }
        try w.put("group_add", groupAdd)
        try w.put("healthcheck", healthcheck)
        try w.put("hostname", hostname)
        try w.put("image", image)
        try w.put("init", initProcess)
        try w.put("ipc", ipc)
        try w.put("isolation", isolation)
        try w.put("label_file", labelFiles)
        try w.put("labels", labels)
        try w.put("links", links)
        try w.put("logging", logging)
        try w.put("mac_address", macAddress)
        try w.put("mem_limit", memLimit)
        try w.put("mem_reservation", memReservation)
        try w.put("mem_swappiness", memSwappiness)
        try w.put("memswap_limit", memswapLimit)
        try w.put("models", models)
        try w.put("network_mode", networkMode)
        try w.put("networks", networks)
        try w.put("oom_kill_disable", oomKillDisable)
        try w.put("oom_score_adj", oomScoreAdj)
        try w.put("pid", pid)
        try w.put("pids_limit", pidsLimit)
        try w.put("platform", platform)
        try w.put("ports", ports)
        try w.put("post_start", postStart)
        try w.put("pre_stop", preStop)
        try w.put("privileged", privileged)
        try w.put("profiles", profiles)
        try w.put("provider", provider)
        try w.put("pull_policy", pullPolicy)
        try w.put("pull_refresh_after", pullRefreshAfter)
        try w.put("read_only", readOnly)
        try w.put("restart", restart)
        try w.put("runtime", runtime)
        try w.put("scale", scale)
        try w.put("secrets", secrets)
        try w.put("security_opt", securityOpt)
        try w.put("shm_size", shmSize)
        try w.put("stdin_open", stdinOpen)
        try w.put("stop_grace_period", stopGracePeriod)
        try w.put("stop_signal", stopSignal)
        try w.put("storage_opt", storageOpt)
        try w.put("sysctls", sysctls)
        try w.put("tmpfs", tmpfs)
        try w.put("tty", tty)
        try w.put("ulimits", ulimits)
        try w.put("use_api_socket", useAPISocket)
        try w.put("user", user)
        try w.put("userns_mode", userNSMode)
        try w.put("uts", uts)
        try w.put("volumes", volumes)
        try w.put("volumes_from", volumesFrom)
        try w.put("working_dir", workingDir)
        try w.extensions(extensions)
    }
}

/// `env_file`: a path, or a list of paths / {path, required, format}.
struct EnvFiles: Decodable {
    var values: [EnvFile]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .sequence {
            values = try [EnvFile](from: decoder)
        } else {
            values = [EnvFile(path: try decoder.scalarString())]
        }
    }
}

/// Service `networks`: a list of names or a map of name → options (null = defaults).
struct ServiceNetworks: Decodable {
    var values: OrderedDictionary<String, ServiceNetwork?> = [:]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .sequence {
            for name in try [String](from: decoder) { values[name] = .some(nil) }
        } else {
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            for key in c.allKeys {
                values[key.stringValue] = .some(try c.decodeIfPresent(ServiceNetwork.self, forKey: key))
            }
        }
    }
}

/// `restart`: no, always, on-failure[:max-retries], unless-stopped.
struct RestartPolicyName: Decodable {
    var value: String
    init(from decoder: any Decoder) throws {
        value = try decoder.scalarString()
        let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let ok: Bool
        switch parts.first {
        case "no", "always", "unless-stopped": ok = parts.count == 1
        case "on-failure": ok = parts.count == 1 || (Int(parts[1]).map { $0 >= 0 } ?? false)
        default: ok = false
        }
        guard ok else {
            throw ValueError("invalid restart policy \"\(value)\"", hint: "use no, always, on-failure[:max-retries] or unless-stopped")
        }
    }
}

/// `pull_policy`: always, never, missing, if_not_present, build, daily, weekly, every_<duration>, refresh.
struct PullPolicy: Decodable {
    var value: String
    init(from decoder: any Decoder) throws {
        value = try decoder.scalarString()
        let known = ["always", "never", "missing", "if_not_present", "build", "daily", "weekly", "refresh"]
        if known.contains(value) { return }
        if value.hasPrefix("every_"), (try? ComposeDuration(parsing: String(value.dropFirst(6)))) != nil { return }
        throw ValueError("invalid pull_policy \"\(value)\"", hint: "use always, never, missing, build, daily, weekly or every_<duration>")
    }
}

struct OOMScore: Decodable {
    var value: Int
    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
        guard (-1000...1000).contains(value) else {
            throw ValueError("oom_score_adj \(value) is out of range", hint: "use a value between -1000 and 1000")
        }
    }
}

struct NonNegative: Decodable {
    var value: Int
    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
        guard value >= 0 else { throw ValueError("\(value) must not be negative") }
    }
}

/// Microseconds as a number, or a duration with a unit ("400ms"), as the spec allows for cpu_rt_*.
struct Microseconds: Decodable {
    var value: Int64
    init(from decoder: any Decoder) throws {
        let s = try decoder.scalarString()
        if let v = Int64(s.trimmingWhitespace()) {
            value = v
        } else {
            value = try ComposeDuration(parsing: s).nanoseconds / 1000
        }
    }
}
