public import ComposeModel
public import EngineAPI
public import StateObserver

/// Service (+ project, number) → the body of `POST /containers/create`. Pure: everything it needs
/// from the engine (image ID, the replaced container's volumes, other containers' names) is passed in.
public struct ContainerSpec: Sendable {
    public var project: Project
    public var service: Service
    public var number: Int
    public var configHash: String
    /// Local image ID, recorded in `com.docker.compose.image`.
    public var imageID: String?
    /// Mounts of the container being replaced: its anonymous volumes are reattached.
    public var inherited: [ObservedMount] = []
    /// Final container name of a service's first container, for `service:x` references.
    public var containerOfService: @Sendable (String) -> String?
    /// Daemons before API 1.44 take one network at create; the others are connected afterwards.
    public var singleNetworkAtCreate = true
    /// Value of `com.docker.compose.project.environment_file`; nil leaves the label out.
    public var environmentFiles: [String] = []
    /// The project runs under swiftcompose's supervisor, which enforces `deploy.restart_policy` itself.
    public var supervised = true
    /// Behind the supervisor's load balancer: published ports go to ephemeral 127.0.0.1 ports.
    public var balanced = false

    public init(project: Project, service: Service, number: Int, configHash: String, imageID: String? = nil,
                inherited: [ObservedMount] = [],
                containerOfService: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.project = project
        self.service = service
        self.number = number
        self.configHash = configHash
        self.imageID = imageID
        self.inherited = inherited
        self.containerOfService = containerOfService
    }

    /// A file copied into the container after creation (secrets and configs from the environment or inline content).
    public struct InjectedFile: Sendable, Equatable {
        public var path: String
        public var content: [UInt8]
        public var mode: Int
        public var uid: Int
        public var gid: Int
    }

    /// The create body, and the networks to connect after creation (in order).
    public func build() throws(PlanError) -> (body: ContainerCreateBody, connect: [(network: String, endpoint: EndpointSettings)]) {
        let r = try buildWithFiles()
        return (r.body, r.connect)
    }

    /// `build()` plus the files to copy in before the first start.
    public func buildWithFiles() throws(PlanError) -> (body: ContainerCreateBody, connect: [(network: String, endpoint: EndpointSettings)],
                                                      files: [InjectedFile]) {
        let s = service
        var config = ContainerConfig()
        config.image = project.imageName(s)
        config.cmd = s.command
        config.entrypoint = s.entrypoint
        config.env = environment()
        config.labels = labels()
        config.user = s.user
        config.workingDir = s.workingDir
        config.hostname = s.hostname
        config.domainname = s.domainname
        config.macAddress = s.macAddress
        config.tty = s.tty
        config.openStdin = s.stdinOpen
        config.stopSignal = s.stopSignal
        if let g = s.stopGracePeriod { config.stopTimeout = Int(g.nanoseconds / 1_000_000_000) }
        config.healthcheck = healthcheck()

        var host = HostConfig()
        // Ports: exposed ports and bindings keyed by "port/proto".
        var exposed: [String: EmptyObject] = [:]
        var bindings: [String: [PortBinding]] = [:]
        for p in s.ports {
            let key = "\(p.target)/\(p.protocol ?? "tcp")"
            exposed[key] = EmptyObject()
            if balanced && p.published != nil {
                if bindings[key] == nil { bindings[key] = [PortBinding(hostIp: "127.0.0.1", hostPort: "")] }
            } else {
                bindings[key, default: []].append(PortBinding(hostIp: p.hostIP ?? "", hostPort: p.published ?? ""))
            }
        }
        for e in s.expose {
            let parts = e.split(separator: "/", maxSplits: 1).map(String.init)
            let proto = parts.count > 1 ? parts[1] : "tcp"
            for port in expandRange(parts[0]) { exposed["\(port)/\(proto)"] = EmptyObject() }
        }
        if !exposed.isEmpty { config.exposedPorts = exposed }
        if !bindings.isEmpty { host.portBindings = PortMap(bindings) }

        let (binds, mounts, files) = try self.mounts()
        if !binds.isEmpty { host.binds = binds }
        if !mounts.isEmpty { host.mounts = mounts }
        if !s.tmpfs.isEmpty {
            var t: [String: String] = [:]
            for entry in s.tmpfs {
                let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
                t[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            host.tmpfs = t
        }
        host.restartPolicy = restartPolicy()
        host.initProcess = s.initProcess
        host.privileged = s.privileged
        host.readonlyRootfs = s.readOnly
        host.capAdd = nonEmpty(s.capAdd)
        host.capDrop = nonEmpty(s.capDrop)
        host.dns = nonEmpty(s.dns)
        host.dnsOptions = nonEmpty(s.dnsOpt)
        host.dnsSearch = nonEmpty(s.dnsSearch)
        host.extraHosts = nonEmpty(s.extraHosts.flatMap { name, addrs in addrs.map { "\(name):\($0)" } })
        host.groupAdd = nonEmpty(s.groupAdd)
        host.securityOpt = nonEmpty(s.securityOpt)
        host.sysctls = s.sysctls.isEmpty ? nil : Dictionary(uniqueKeysWithValues: s.sysctls.map { ($0.key, $0.value) })
        host.storageOpt = s.storageOpt.isEmpty ? nil : Dictionary(uniqueKeysWithValues: s.storageOpt.map { ($0.key, $0.value) })
        host.ulimits = s.ulimits.isEmpty ? nil : s.ulimits.map { EngineAPI.Ulimit(name: $0.key, soft: $0.value.soft, hard: $0.value.hard) }
        if let l = s.logging {
            host.logConfig = LogConfig(type: l.driver ?? "",
                                       config: l.options.isEmpty ? nil : Dictionary(uniqueKeysWithValues: l.options.map { ($0.key, $0.value) }))
        }
        host.shmSize = s.shmSize?.bytes
        host.runtime = s.runtime
        host.isolation = s.isolation
        host.cgroupnsMode = s.cgroup
        host.cgroupParent = s.cgroupParent
        host.usernsMode = s.userNSMode
        host.utsMode = s.uts
        host.ipcMode = try resolveMode(s.ipc, key: "ipc")
        host.pidMode = try resolveMode(s.pid, key: "pid")
        host.oomKillDisable = s.oomKillDisable
        host.oomScoreAdj = s.oomScoreAdj
        host.devices = s.devices.isEmpty ? nil : s.devices.map {
            EngineAPI.DeviceMapping(pathOnHost: $0.source, pathInContainer: $0.target, cgroupPermissions: $0.permissions)
        }
        host.deviceCgroupRules = nonEmpty(s.deviceCgroupRules)
        resources(&host)
        host.volumesFrom = try volumesFrom()

        // Networking: network_mode, else the service's networks.
        var connect: [(network: String, endpoint: EndpointSettings)] = []
        var networking: NetworkingConfig?
        if let mode = s.networkMode {
            host.networkMode = try resolveMode(mode, key: "network_mode")
        } else {
            let keys = project.networkKeys(of: s)
            var endpoints: [String: EndpointSettings] = [:]
            for (i, key) in keys.enumerated() {
                let name = project.networkName(key)
                let ep = endpoint(for: key)
                if i == 0 {
                    host.networkMode = name
                    endpoints[name] = ep
                } else if singleNetworkAtCreate {
                    connect.append((name, ep))
                } else {
                    endpoints[name] = ep
                }
            }
            if !endpoints.isEmpty { networking = NetworkingConfig(endpointsConfig: endpoints) }
        }
        return (ContainerCreateBody(config: config, hostConfig: host, networkingConfig: networking), connect, files)
    }

    // MARK: pieces

    func environment() -> [String]? {
        var env: [String] = []
        for (k, v) in service.environment {
            if let v { env.append("\(k)=\(v)") } else if let v = project.environment[k] { env.append("\(k)=\(v)") }
        }
        return env.isEmpty ? nil : env
    }

    func labels() -> [String: String] {
        var l: [String: String] = [:]
        for (k, v) in service.labels { l[k] = v }
        l[ComposeLabels.project] = project.name
        l[ComposeLabels.service] = service.name
        l[ComposeLabels.containerNumber] = String(number)
        l[ComposeLabels.oneoff] = "False"
        l[ComposeLabels.configHash] = configHash
        l[ComposeLabels.workingDir] = project.workingDir
        l[ComposeLabels.configFiles] = project.composeFiles.joined(separator: ",")
        l[ComposeLabels.dependsOn] = service.dependsOn.map { "\($0.key):\($0.value.condition.rawValue):\($0.value.restart)" }
            .joined(separator: ",")
        l[ComposeLabels.version] = ComposeLabels.composeVersion
        if let imageID { l[ComposeLabels.image] = imageID }
        if !environmentFiles.isEmpty { l[ComposeLabels.environmentFile] = environmentFiles.joined(separator: ",") }
        return l
    }

    func healthcheck() -> HealthConfig? {
        guard let h = service.healthcheck else { return nil }
        if h.isDisabled { return HealthConfig(test: ["NONE"]) }
        return HealthConfig(test: h.test, interval: h.interval?.nanoseconds, timeout: h.timeout?.nanoseconds,
                            retries: h.retries, startPeriod: h.startPeriod?.nanoseconds,
                            startInterval: h.startInterval?.nanoseconds)
    }

    /// Short-syntax binds go to `Binds` so the engine creates a missing host directory, as Compose does;
    /// everything else is a `Mount`.
    func mounts() throws(PlanError) -> (binds: [String], mounts: [Mount], files: [InjectedFile]) {
        var files: [InjectedFile] = []
        var binds: [String] = []
        var mounts: [Mount] = []
        var targets = Set<String>()
        for v in service.volumes {
            targets.insert(v.target)
            switch v.type {
            case .bind:
                guard let source = v.source else {
                    throw PlanError("service \(service.name): bind mount for \(v.target) has no source path")
                }
                if v.bind?.createHostPath != false && v.bind?.propagation == nil && v.volume == nil {
                    var opts: [String] = []
                    if v.readOnly == true { opts.append("ro") }
                    if let z = v.bind?.selinux { opts.append(z) }
                    binds.append("\(source):\(v.target)" + (opts.isEmpty ? "" : ":" + opts.joined(separator: ",")))
                } else {
                    mounts.append(Mount(type: "bind", source: source, target: v.target, readOnly: v.readOnly,
                                        consistency: v.consistency,
                                        bindOptions: v.bind?.propagation.map { Mount.BindOptions(propagation: $0) }))
                }
            case .volume:
                var source: String?
                if let s = v.source {
                    source = project.volumes[s] != nil ? project.volumeName(s) : s
                } else if let old = inherited.first(where: { $0.destination == v.target && $0.isAnonymousVolume }) {
                    source = old.name
                }
                var options: Mount.VolumeOptions?
                if v.volume?.nocopy != nil || v.volume?.subpath != nil {
                    options = Mount.VolumeOptions(noCopy: v.volume?.nocopy, subpath: v.volume?.subpath)
                }
                mounts.append(Mount(type: "volume", source: source, target: v.target, readOnly: v.readOnly,
                                    consistency: v.consistency, volumeOptions: options))
            case .tmpfs:
                var options: Mount.TmpfsOptions?
                if v.tmpfs?.size != nil || v.tmpfs?.mode != nil {
                    options = Mount.TmpfsOptions(sizeBytes: v.tmpfs?.size?.bytes, mode: v.tmpfs?.mode.map { Int($0) })
                }
                mounts.append(Mount(type: "tmpfs", target: v.target, readOnly: v.readOnly, tmpfsOptions: options))
            case .npipe, .cluster, .image:
                mounts.append(Mount(type: v.type.rawValue, source: v.source, target: v.target, readOnly: v.readOnly))
            }
        }
        // File-based secrets and configs are read-only bind mounts, as Compose does outside Swarm.
        for (refs, kind, objects, base) in [(service.secrets, "secret", project.secrets, "/run/secrets/"),
                                            (service.configs, "config", project.configs, "/")] {
            for ref in refs {
                guard let object = objects[ref.source] else {
                    throw PlanError("service \(service.name): \(kind) \"\(ref.source)\" is not defined at the top level")
                }
                let target = ref.target.map { $0.hasPrefix("/") ? $0 : base + $0 } ?? base + ref.source
                targets.insert(target)
                if let file = object.file {
                    mounts.append(Mount(type: "bind", source: file, target: target, readOnly: true))
                    continue
                }
                var content: String?
                if let variable = object.environment {
                    guard let value = project.environment[variable] else {
                        throw PlanError("service \(service.name): \(kind) \"\(ref.source)\" comes from environment variable "
                                        + "\(variable), which is not set; set it or use 'file:'")
                    }
                    content = value
                } else if let inline = object.content {
                    content = inline
                }
                guard let content else {
                    throw PlanError("service \(service.name): \(kind) \"\(ref.source)\" is "
                                    + (object.isExternal ? "external, which only Swarm provides" : "neither a file, an environment variable nor content")
                                    + "; use 'file:'")
                }
                files.append(InjectedFile(path: target, content: Array(content.utf8), mode: Int(ref.mode ?? 0o444),
                                          uid: Int(ref.uid ?? "") ?? 0, gid: Int(ref.gid ?? "") ?? 0))
            }
        }
        // Anonymous volumes the image declares (VOLUME) keep their data across a recreate too.
        for old in inherited where old.isAnonymousVolume && !targets.contains(old.destination) {
            mounts.append(Mount(type: "volume", source: old.name, target: old.destination))
        }
        return (binds, mounts, files)
    }

    func restartPolicy() -> RestartPolicy? {
        if let r = service.restart {
            let parts = r.split(separator: ":", maxSplits: 1).map(String.init)
            return RestartPolicy(name: parts[0], maximumRetryCount: parts.count > 1 ? Int(parts[1]) : nil)
        }
        if let p = service.deploy?.restartPolicy {
            // swiftcompose's supervisor enforces it (delay, window, backoff), so the engine must not restart too.
            if supervised { return RestartPolicy(name: "no") }
            switch p.condition {
            case "none": return RestartPolicy(name: "no")
            case "on-failure": return RestartPolicy(name: "on-failure", maximumRetryCount: p.maxAttempts)
            case "any", nil: return RestartPolicy(name: "always")
            default: return nil
            }
        }
        return nil
    }

    func resources(_ host: inout HostConfig) {
        let s = service
        let limits = s.deploy?.resources?.limits
        let reservations = s.deploy?.resources?.reservations
        if let cpus = s.cpus ?? limits?.cpus, cpus > 0 { host.nanoCpus = Int64((cpus * 1e9).rounded()) }
        host.memory = (s.memLimit ?? limits?.memory)?.bytes
        host.memoryReservation = (s.memReservation ?? reservations?.memory)?.bytes
        host.memorySwap = s.memswapLimit?.bytes
        host.memorySwappiness = s.memSwappiness.map { Int64($0) }
        host.pidsLimit = s.pidsLimit ?? limits?.pids
        host.cpuShares = s.cpuShares
        host.cpuPeriod = s.cpuPeriod
        host.cpuQuota = s.cpuQuota
        host.cpuRealtimePeriod = s.cpuRTPeriod
        host.cpuRealtimeRuntime = s.cpuRTRuntime
        host.cpusetCpus = s.cpuset
        var requests: [EngineAPI.DeviceRequest] = []
        for d in (s.gpus ?? []) + (reservations?.devices ?? []) {
            requests.append(EngineAPI.DeviceRequest(
                driver: d.driver, count: d.count ?? (d.deviceIDs.isEmpty ? -1 : nil),
                deviceIDs: d.deviceIDs.isEmpty ? nil : d.deviceIDs,
                capabilities: [d.capabilities.isEmpty ? ["gpu"] : d.capabilities],
                options: d.options.isEmpty ? nil : Dictionary(uniqueKeysWithValues: d.options.map { ($0.key, $0.value) })))
        }
        if !requests.isEmpty { host.deviceRequests = requests }
    }

    /// `service:x` → `container:<x's container>`; other modes pass through.
    func resolveMode(_ mode: String?, key: String) throws(PlanError) -> String? {
        guard let mode else { return nil }
        guard mode.hasPrefix("service:") else { return mode }
        let target = String(mode.dropFirst("service:".count))
        guard let name = containerOfService(target) else {
            throw PlanError("service \(service.name): \(key) '\(mode)' refers to service \(target), which has no container; "
                            + "start it too (drop --no-deps) or fix the reference")
        }
        return "container:\(name)"
    }

    func volumesFrom() throws(PlanError) -> [String]? {
        guard !service.volumesFrom.isEmpty else { return nil }
        var out: [String] = []
        for v in service.volumesFrom {
            var parts = v.split(separator: ":").map(String.init)
            if parts.first == "container", parts.count > 1 {
                parts.removeFirst()
                out.append(parts.joined(separator: ":"))
                continue
            }
            if parts.first == "service", parts.count > 1 { parts.removeFirst() }
            let target = parts[0]
            let mode = parts.count > 1 ? ":" + parts[1] : ""
            if project.services[target] != nil {
                guard let name = containerOfService(target) else {
                    throw PlanError("service \(service.name): volumes_from '\(v)' refers to service \(target), which has no container")
                }
                out.append(name + mode)
            } else {
                out.append(target + mode)
            }
        }
        return out
    }

    func endpoint(for key: String) -> EndpointSettings {
        let cfg = service.networks[key] ?? nil
        var aliases = [service.name]
        for a in cfg?.aliases ?? [] where !aliases.contains(a) { aliases.append(a) }
        var ep = EndpointSettings(aliases: aliases, macAddress: cfg?.macAddress,
                                  driverOpts: (cfg?.driverOpts.isEmpty ?? true) ? nil
                                      : Dictionary(uniqueKeysWithValues: cfg!.driverOpts.map { ($0.key, $0.value) }))
        if cfg?.ipv4Address != nil || cfg?.ipv6Address != nil || !(cfg?.linkLocalIPs.isEmpty ?? true) {
            ep.ipamConfig = EndpointIPAMConfig(ipv4Address: cfg?.ipv4Address, ipv6Address: cfg?.ipv6Address,
                                               linkLocalIPs: (cfg?.linkLocalIPs.isEmpty ?? true) ? nil : cfg?.linkLocalIPs)
        }
        if !service.links.isEmpty {
            ep.links = service.links.map { link in
                let parts = link.split(separator: ":", maxSplits: 1).map(String.init)
                let target = containerOfService(parts[0]) ?? parts[0]
                return "\(target):\(parts.count > 1 ? parts[1] : parts[0])"
            }
        }
        return ep
    }

    func expandRange(_ s: String) -> [String] {
        let parts = s.split(separator: "-").compactMap { Int($0) }
        if parts.count == 2, parts[0] <= parts[1], parts[1] - parts[0] < 65536 { return (parts[0]...parts[1]).map(String.init) }
        return [s]
    }

    func nonEmpty(_ a: [String]) -> [String]? { a.isEmpty ? nil : a }
}
