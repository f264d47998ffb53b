public import ComposeModel
public import StateObserver
import EngineAPI
import Crypto
import Foundation

/// Compares the desired project with what the engine holds and returns the operations that close the gap.
/// Pure: no I/O, no clock, same inputs → same plan.
public enum Planner {
    /// `up`: converge the selected services (and their dependencies) to the desired state.
    public static func plan(desired: Project, observed: ObservedProject, options: UpOptions) throws(PlanError) -> Plan {
        var builder = UpPlanBuilder(desired: desired, observed: observed, options: options)
        try builder.build()
        return builder.plan
    }

    /// Containers of services no longer in the project (one-off containers aside).
    public static func orphans(desired: Project, observed: ObservedProject) -> [ObservedContainer] {
        observed.containers.filter { c in
            !c.isOneoff && desired.services[c.service] == nil && desired.disabledServices[c.service] == nil
        }.sorted { ($0.service, $0.number, $0.name) < ($1.service, $1.number, $1.name) }
    }

    static func orphanWarning(_ orphans: [ObservedContainer]) -> String {
        "Found orphan containers ([\(orphans.map(\.name).joined(separator: " "))]) for this project. If you removed or "
            + "renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up."
    }
}

struct UpPlanBuilder {
    let desired: Project
    let observed: ObservedProject
    let options: UpOptions
    var plan = Plan()

    /// Node ids per service that create, rename, stop or remove its containers (not starts): a dependent's
    /// containers are created after them, as Compose creates everything before starting in dependency order.
    var serviceNodes: [String: [Int]] = [:]
    /// Start nodes per service (a dependent's start comes after them).
    var startNodes: [String: [Int]] = [:]
    /// Container names of a service once the plan has run, by number.
    var finalNames: [String: [String]] = [:]
    var recreated: Set<String> = []
    var networkNodes: [String: Int] = [:]
    var volumeNodes: [String: Int] = [:]
    var pullNodes: [String: Int] = [:]
    /// Removal node per container name, so a new container of the same name comes after it.
    var removalOfName: [String: Int] = [:]
    /// Networks recreated because their config changed (engine names); containers on them are recreated.
    var recreatedNetworks: Set<String> = []
    /// Stops planned before a network's recreation, by container ID: the recreate reuses them.
    var stoppedForNetwork: [String: Int] = [:]

    /// Observed containers by service (number order) and all observed names, computed once.
    let observedByService: [String: [ObservedContainer]]
    let observedNames: Set<String>
    /// First observed container of each service, for `service:` references to services not in the plan.
    let firstObserved: [String: String]

    init(desired: Project, observed: ObservedProject, options: UpOptions) {
        self.desired = desired
        self.observed = observed
        self.options = options
        let live = observed.containers.filter { !$0.isOneoff }
        observedByService = Dictionary(grouping: live, by: \.service)
            .mapValues { $0.sorted { ($0.number, $0.name) < ($1.number, $1.name) } }
        observedNames = Set(observed.containers.map(\.name))
        firstObserved = observedByService.compactMapValues { $0.first?.name }
    }

    mutating func build() throws(PlanError) {
        let selected = try selectedServices()
        let order = desired.servicesInDependencyOrder().filter { selected.contains($0) }
        let services = order.compactMap { desired.services[$0] }
        try ensureNetworks(services)
        try ensureVolumes(services)
        try ensureImages(services)
        try handleOrphans()
        for s in services { try converge(s) }
    }

    func selectedServices() throws(PlanError) -> Set<String> {
        if options.services.isEmpty { return Set(desired.services.keys) }
        var out = Set<String>()
        var queue: [String] = []
        for name in options.services {
            guard desired.services[name] != nil else {
                if desired.disabledServices[name] != nil {
                    throw PlanError("service \"\(name)\" is disabled by its profiles; enable one with --profile")
                }
                throw PlanError("no such service: \(name)")
            }
            queue.append(name)
        }
        while let name = queue.popLast() {
            guard out.insert(name).inserted, let s = desired.services[name] else { continue }
            if !options.noDeps {
                queue += desired.dependencies(of: s).filter { dep in
                    // required: false dependencies are not pulled in by a subset.
                    s.dependsOn[dep].map { $0.required } ?? true
                }
            }
        }
        return out
    }

    // MARK: networks, volumes, images

    mutating func ensureNetworks(_ services: [Service]) throws(PlanError) {
        var keys: [String] = []
        for s in services { for k in desired.networkKeys(of: s) where !keys.contains(k) { keys.append(k) } }
        // Declared order first, so the plan reads like the file.
        let declared = desired.networks.keys.filter { keys.contains($0) }
        for key in declared + keys.filter({ !declared.contains($0) }) {
            let name = desired.networkName(key)
            let net = desired.networks[key]
            if net?.isExternal == true {
                if observed.networks[name] == nil {
                    throw PlanError("network \(name) declared as external, but could not be found; "
                                    + "create it with 'docker network create \(name)' or remove 'external: true'")
                }
                continue
            }
            var ipam: IPAM?
            if let i = net?.ipam {
                ipam = IPAM(driver: i.driver, config: i.config.map {
                    IPAMConfig(subnet: $0.subnet, ipRange: $0.ipRange, gateway: $0.gateway,
                               auxiliaryAddresses: $0.auxAddresses.isEmpty ? nil : Dictionary(uniqueKeysWithValues: $0.auxAddresses.map { ($0.key, $0.value) }))
                }, options: i.options.isEmpty ? nil : Dictionary(uniqueKeysWithValues: i.options.map { ($0.key, $0.value) }))
            }
            var body = NetworkCreateBody(
                name: name, checkDuplicate: true, driver: net?.driver, internal: net?.internal,
                attachable: net?.attachable, ipam: ipam, enableIPv6: net?.enableIPv6,
                options: (net?.driverOpts.isEmpty ?? true) ? nil : Dictionary(uniqueKeysWithValues: net!.driverOpts.map { ($0.key, $0.value) }))
            let hash = label(&body, userLabels: net?.labels ?? [:], keyLabel: ComposeLabels.network, key: key)
            guard let existing = observed.networks[name] else {
                networkNodes[key] = plan.add(.createNetwork(body))
                continue
            }
            if let owner = existing.labels[ComposeLabels.project], owner != desired.name {
                plan.warnings.append("a network with name \(name) exists but was created for project \"\(owner)\"; using it")
                continue
            }
            // A network whose recorded config differs is recreated, as Docker Compose does; one without a
            // record (made by an older version or by hand) is left as it is.
            guard let recorded = existing.labels[ComposeLabels.configHash], recorded != hash, options.recreate != .never else { continue }
            guard options.services.isEmpty else {
                plan.warnings.append("network \(name) has changed in the Compose file; run `up` for the whole project to recreate it")
                continue
            }
            recreateNetwork(name, body: body, key: key)
        }
    }

    /// The containers on the network stop first (they are recreated on the new one by `converge`), then
    /// the network is removed and created again.
    mutating func recreateNetwork(_ name: String, body: NetworkCreateBody, key: String) {
        var stops: [Int] = []
        for c in observed.containers where !c.isOneoff && c.networks.contains(name) && (c.isRunning || c.state == .paused) {
            if let stop = stoppedForNetwork[c.id] { stops.append(stop); continue }
            let timeout = desired.services[c.service].flatMap { stopTimeout($0) }
            let stop = plan.add(.stopContainer(ContainerRef(id: c.id, name: c.name, service: c.service), timeout: timeout, replaced: true))
            stoppedForNetwork[c.id] = stop
            stops.append(stop)
        }
        let remove = plan.add(.removeNetwork(name: name), after: stops)
        networkNodes[key] = plan.add(.createNetwork(body), after: [remove])
        recreatedNetworks.insert(name)
    }

    /// Labels a network's or volume's create request: the file's, then the project, `keyLabel` = `key`,
    /// the version and the config hash, which it returns.
    func label<Body: Encodable & LabelledRequest>(_ body: inout Body, userLabels: some Sequence<(key: String, value: String)>,
                                                  keyLabel: String, key: String) -> String {
        let hash = Self.requestHash(body, userLabels: userLabels)
        var labels: [String: String] = [:]
        for (k, v) in userLabels { labels[k] = v }
        labels[ComposeLabels.project] = desired.name
        labels[keyLabel] = key
        labels[ComposeLabels.version] = ComposeLabels.composeVersion
        labels[ComposeLabels.configHash] = hash
        body.labels = labels
        return hash
    }

    /// What a network's or volume's `com.docker.compose.config-hash` records: its create request, keys
    /// sorted, with only the file's labels (not ours: a new swiftcompose version must not change it).
    static func requestHash<Body: Encodable & LabelledRequest>(_ body: Body, userLabels: some Sequence<(key: String, value: String)>) -> String {
        var hashed = body
        hashed.labels = Dictionary(userLabels.map { ($0.key, $0.value) }) { _, last in last }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return SHA256.hash(data: (try? encoder.encode(hashed)) ?? Data()).lowercaseHex
    }

    mutating func ensureVolumes(_ services: [Service]) throws(PlanError) {
        var keys: [String] = []
        for s in services {
            for v in s.volumes where v.type == .volume {
                if let src = v.source, desired.volumes[src] != nil, !keys.contains(src) { keys.append(src) }
            }
        }
        for key in desired.volumes.keys where keys.contains(key) {
            let vol = desired.volumes[key]!
            let name = desired.volumeName(key)
            if vol.isExternal {
                if observed.volumes[name] == nil {
                    throw PlanError("external volume \"\(name)\" not found; create it with 'docker volume create \(name)' "
                                    + "or remove 'external: true'")
                }
                continue
            }
            var body = VolumeCreateBody(name: name, driver: vol.driver,
                                        driverOpts: vol.driverOpts.isEmpty ? nil : Dictionary(uniqueKeysWithValues: vol.driverOpts.map { ($0.key, $0.value) }))
            let hash = label(&body, userLabels: vol.labels, keyLabel: ComposeLabels.volume, key: key)
            guard let existing = observed.volumes[name] else {
                volumeNodes[key] = plan.add(.createVolume(body))
                continue
            }
            if let owner = existing.labels[ComposeLabels.project], owner != desired.name {
                plan.warnings.append("volume \"\(name)\" already exists but was created for project \"\(owner)\"; using it")
            } else if let recorded = existing.labels[ComposeLabels.configHash], recorded != hash {
                // Recreating it would lose its data: Docker Compose asks, and keeps it unless told yes.
                plan.warnings.append("volume \"\(name)\" exists but doesn't match its configuration in the Compose file; "
                                     + "it is kept with its data (`down -v` then `up` recreates it, losing the data)")
            }
        }
    }

    mutating func ensureImages(_ services: [Service]) throws(PlanError) {
        for s in services where (options.scale[s.name] ?? s.replicas) > 0 {
            let ref = desired.imageName(s)
            if pullNodes[ref] != nil { continue }
            let present = observed.images[ref] != nil
            let policy = s.pullPolicy ?? "missing"
            switch policy {
            case "always":
                pullNodes[ref] = plan.add(.pullImage(ref, service: s.name))
            case "never":
                if !present {
                    throw PlanError("service \(s.name): image \(ref) is not present locally and pull_policy is \"never\"; "
                                    + "pull or build it first")
                }
            case "build":
                if !present {
                    throw PlanError("service \(s.name): image \(ref) must be built (pull_policy: build), which swiftcompose "
                                    + "does not do yet; build it with 'docker build -t \(ref) \(s.build?.context ?? ".")'")
                }
            default:
                if !present {
                    if s.build != nil && s.image == nil {
                        throw PlanError("service \(s.name): image \(ref) must be built from \(s.build?.context ?? "."), which "
                                        + "swiftcompose does not do yet; build it with 'docker build -t \(ref) \(s.build?.context ?? ".")'")
                    }
                    pullNodes[ref] = plan.add(.pullImage(ref, service: s.name))
                }
            }
        }
    }

    mutating func handleOrphans() throws(PlanError) {
        let orphans = Planner.orphans(desired: desired, observed: observed)
        guard !orphans.isEmpty else { return }
        guard options.removeOrphans else {
            plan.warnings.append(Planner.orphanWarning(orphans))
            return
        }
        for c in orphans {
            let ref = ContainerRef(id: c.id, name: c.name, service: c.service)
            var after: [Int] = []
            if c.isRunning || c.state == .paused {
                after.append(plan.add(.stopContainer(ref, timeout: options.timeout, replaced: false)))
            }
            removalOfName[c.name] = plan.add(.removeContainer(ref, removeVolumes: false, replaced: false), after: after)
        }
    }

    // MARK: containers

    /// How long a draining replica's open connections may take: its stop grace period (default 10 s).
    func graceSeconds(_ s: Service) -> Int {
        Int((s.stopGracePeriod?.duration ?? .seconds(10)).components.seconds)
    }

    func stopTimeout(_ s: Service) -> Int? {
        options.timeout ?? s.stopGracePeriod.map { Int($0.nanoseconds / 1_000_000_000) }
    }

    func diverged(_ c: ObservedContainer, _ s: Service, hash: String, imageID: String?) -> Bool {
        if c.configHash != hash { return true }
        // A dead container cannot be started again.
        if c.state == .dead { return true }
        if let imageID, c.imageID != imageID && (c.imageLabel ?? c.imageID) != imageID { return true }
        if s.networkMode == nil {
            for key in desired.networkKeys(of: s) where !c.networks.contains(desired.networkName(key)) { return true }
        }
        return false
    }

    mutating func converge(_ s: Service) throws(PlanError) {
        let balanced = options.balanced.contains(s.name)
        let hash = balanced ? Planner.balancedHash(serviceConfigHash(s)) : serviceConfigHash(s)
        let expected = max(0, options.scale[s.name] ?? s.replicas)
        if s.containerName != nil && expected > 1 {
            throw PlanError("service \(s.name): container_name \"\(s.containerName!)\" cannot be used with \(expected) replicas, "
                            + "as container names must be unique; remove container_name or scale to 1")
        }
        let imageRef = desired.imageName(s)
        let imageID = observed.images[imageRef]
        let existing = observedByService[s.name] ?? []
        func obsolete(_ c: ObservedContainer) -> Bool {
            if c.networks.contains(where: recreatedNetworks.contains) { return true }
            let named = options.services.isEmpty || options.services.contains(s.name)
            switch named ? options.recreate : (options.recreateDependencies ?? (options.recreate == .never ? .never : .diverged)) {
            case .force: return true
            case .never: return false
            case .diverged: return diverged(c, s, hash: hash, imageID: imageID)
            }
        }
        // Keep converged running containers with low numbers; remove diverged/stopped, then highest numbers.
        let ranked = existing.sorted {
            (obsolete($0) ? 1 : 0, $0.isRunning ? 0 : 1, $0.number, $0.name) < (obsolete($1) ? 1 : 0, $1.isRunning ? 0 : 1, $1.number, $1.name)
        }
        let keep = Array(ranked.prefix(expected)).sorted { ($0.number, $0.name) < ($1.number, $1.name) }
        let remove = ranked.dropFirst(expected).sorted { ($0.number, $0.name) > ($1.number, $1.name) }

        var nodes: [Int] = []
        var starts: [Int] = []
        for c in remove {
            let ref = ContainerRef(id: c.id, name: c.name, service: s.name)
            var after: [Int] = []
            if let earlier = stoppedForNetwork[c.id] {
                // Already stopped for its network's recreation.
                after.append(earlier)
            } else if c.isRunning || c.state == .paused {
                let drain = balanced && c.isRunning ? [plan.add(.drainContainer(ref, grace: graceSeconds(s)))] : []
                let hooks = c.isRunning ? plan.addHooks(s.preStop, .preStop, container: ref, after: drain) : drain
                let stop = plan.add(.stopContainer(ref, timeout: stopTimeout(s), replaced: false), after: hooks)
                after.append(stop)
                nodes += drain + [stop]
            }
            let rm = plan.add(.removeContainer(ref, removeVolumes: false, replaced: false), after: after)
            removalOfName[c.name] = rm
            nodes.append(rm)
        }

        // What every new container and every start of this service comes after.
        var base: [Int] = []
        for key in desired.networkKeys(of: s) { if let n = networkNodes[key] { base.append(n) } }
        for v in s.volumes { if let src = v.source, let n = volumeNodes[src] { base.append(n) } }
        if let n = pullNodes[imageRef] { base.append(n) }
        var depNodes: [Int] = []
        var depStarts: [Int] = []
        for dep in desired.dependencies(of: s) {
            depNodes += serviceNodes[dep] ?? []
            depStarts += startNodes[dep] ?? []
        }
        let waits = options.repairOnly ? [] : dependencyWaits(s)
        let restartForDeps = s.dependsOn.contains { $0.value.restart && recreated.contains($0.key) }

        // Names of this service's containers after the plan, for `service:` references of later services.
        var numbers = Set(keep.map(\.number))
        var newNumbers: [Int] = []
        var n = 1
        while keep.count + newNumbers.count < expected {
            if !numbers.contains(n) { newNumbers.append(n); numbers.insert(n) }
            n += 1
        }
        var names: [(Int, String)] = keep.map { ($0.number, $0.name) }
        names += newNumbers.map { ($0, desired.containerName(s, number: $0)) }
        finalNames[s.name] = names.sorted { $0.0 < $1.0 }.map(\.1)

        for c in keep {
            let ref = ContainerRef(id: c.id, name: c.name, service: s.name)
            if options.repairOnly {
                plan.unchanged.append(UnchangedContainer(name: c.name, service: s.name, running: c.isRunning))
            } else if obsolete(c) {
                recreated.insert(s.name)
                let tmpName = "\(c.id.prefix(12))_\(c.name)"
                // Compose's current name, also for a container found under v1's `project_service_n`.
                let finalName = desired.containerName(s, number: c.number)
                // Behind the load balancer the new replica starts first (it publishes no fixed host port),
                // then the old one is drained, stopped and removed, and the new one takes its name.
                let stoppedEarlier = stoppedForNetwork[c.id]
                let startFirst = balanced && c.isRunning && !options.noStart && stoppedEarlier == nil
                let stop = stoppedEarlier ?? (!startFirst && (c.isRunning || c.state == .paused)
                    ? plan.add(.stopContainer(ref, timeout: stopTimeout(s), replaced: true), after: depNodes) : nil)
                let (create, last) = try addContainer(s, name: tmpName, number: c.number, hash: hash, imageID: imageID,
                                                      balanced: balanced, inherited: options.renewAnonymousVolumes ? [] : c.mounts,
                                                      replaces: ref, after: base + depNodes + (stop.map { [$0] } ?? []))
                if startFirst {
                    let start = plan.add(.startContainer(ContainerRef(name: tmpName, service: s.name)),
                                         after: [last] + depStarts, waits: waits)
                    let ready = plan.addHooks(s.postStart, .postStart, container: ContainerRef(name: tmpName, service: s.name),
                                              after: [start])
                    let drain = plan.add(.drainContainer(ref, grace: graceSeconds(s)), after: ready)
                    let stop = plan.add(.stopContainer(ref, timeout: stopTimeout(s), replaced: true), after: [drain])
                    let rm = plan.add(.removeContainer(ref, removeVolumes: false, replaced: true), after: [stop])
                    let rename = plan.add(.renameContainer(ContainerRef(name: tmpName, service: s.name), to: finalName), after: [rm])
                    nodes += [create, start, drain, stop, rm, rename]
                    starts.append(rename)
                } else {
                    let rm = plan.add(.removeContainer(ref, removeVolumes: false, replaced: true), after: [last])
                    let rename = plan.add(.renameContainer(ContainerRef(name: tmpName, service: s.name), to: finalName), after: [rm])
                    nodes += [create, rm, rename] + (stop.map { [$0] } ?? [])
                    if !options.noStart {
                        let start = plan.add(.startContainer(ContainerRef(name: finalName, service: s.name)),
                                             after: [rename] + depStarts, waits: waits)
                        starts += plan.addHooks(s.postStart, .postStart, container: ContainerRef(name: finalName, service: s.name),
                                                after: [start])
                    }
                }
            } else if c.name != desired.containerName(s, number: c.number),
                      !observedNames.contains(desired.containerName(s, number: c.number))
                        || removalOfName[desired.containerName(s, number: c.number)] != nil {
                // Converged but under another name: a recreate interrupted before its rename, or v1's
                // `project_service_n`. Rename it, then start it if needed.
                let finalName = desired.containerName(s, number: c.number)
                let rename = plan.add(.renameContainer(ref, to: finalName), after: removalOfName[finalName].map { [$0] } ?? [])
                nodes.append(rename)
                if !c.isRunning && c.state != .paused && !options.noStart {
                    let renamed = ContainerRef(id: c.id, name: finalName, service: s.name)
                    let start = plan.add(.startContainer(renamed), after: [rename] + base + depStarts, waits: waits)
                    starts += plan.addHooks(s.postStart, .postStart, container: renamed, after: [start])
                } else {
                    plan.unchanged.append(UnchangedContainer(name: finalName, service: s.name, running: c.isRunning))
                }
            } else if restartForDeps && c.isRunning && !options.noStart {
                let hooks = plan.addHooks(s.preStop, .preStop, container: ref, after: depStarts)
                let stop = plan.add(.stopContainer(ref, timeout: stopTimeout(s), replaced: false), after: hooks)
                let start = plan.add(.startContainer(ref), after: [stop] + depStarts, waits: waits)
                nodes.append(stop)
                starts += plan.addHooks(s.postStart, .postStart, container: ref, after: [start])
            } else if !c.isRunning && c.state != .paused && !options.noStart {
                let start = plan.add(.startContainer(ref), after: base + depStarts, waits: waits)
                starts += plan.addHooks(s.postStart, .postStart, container: ref, after: [start])
            } else {
                plan.unchanged.append(UnchangedContainer(name: c.name, service: s.name, running: c.isRunning))
            }
        }

        for number in newNumbers {
            let name = desired.containerName(s, number: number)
            var after = base + depNodes
            if let rm = removalOfName[name] { after.append(rm) }
            let (create, last) = try addContainer(s, name: name, number: number, hash: hash, imageID: imageID,
                                                  balanced: balanced, after: after)
            nodes.append(create)
            if !options.noStart {
                let start = plan.add(.startContainer(ContainerRef(name: name, service: s.name)),
                                     after: [last] + depStarts, waits: waits)
                starts += plan.addHooks(s.postStart, .postStart, container: ContainerRef(name: name, service: s.name),
                                        after: [start])
            }
        }
        serviceNodes[s.name] = nodes
        startNodes[s.name] = starts
    }

    /// One container of `s` created after `after`, then joined to its other networks and given its
    /// files; returns the create step and the last step of that chain. A replacement (`replaces`)
    /// carries the replaced container's ID in its labels.
    mutating func addContainer(_ s: Service, name: String, number: Int, hash: String, imageID: String?, balanced: Bool,
                               inherited: [ObservedMount] = [], replaces: ContainerRef? = nil,
                               after: [Int]) throws(PlanError) -> (create: Int, last: Int) {
        var spec = ContainerSpec(project: desired, service: s, number: number, configHash: hash, imageID: imageID,
                                 inherited: inherited, containerOfService: resolver(s))
        spec.environmentFiles = options.environmentFiles
        spec.supervised = options.supervised
        spec.balanced = balanced
        var (body, connects, files) = try spec.buildWithFiles()
        if let replaces { body.config.labels?[ComposeLabels.replace] = replaces.id }
        let create = plan.add(.createContainer(ContainerCreation(name: name, service: s.name, number: number,
                                                                  configHash: hash, body: body, replaces: replaces)), after: after)
        var last = create
        for (net, ep) in connects {
            last = plan.add(.connectNetwork(network: net, container: name, endpoint: ep), after: [last])
        }
        for file in files { last = plan.add(.copyFile(container: name, file: file), after: [last]) }
        return (create, last)
    }

    /// One wait per container of each `depends_on` service that will exist.
    func dependencyWaits(_ s: Service) -> [DependencyWait] {
        if options.noStart { return [] }
        var waits: [DependencyWait] = []
        for (dep, d) in s.dependsOn {
            let names = finalNames[dep] ?? (observedByService[dep] ?? []).map(\.name)
            for name in names {
                waits.append(DependencyWait(container: name, service: dep, condition: d.condition, required: d.required))
            }
        }
        return waits
    }

    /// First container of a service after the plan (for `service:x` in network_mode, ipc, pid, volumes_from, links).
    func resolver(_ service: Service) -> @Sendable (String) -> String? {
        // Only the services this one refers to, so building the closure stays cheap on large projects.
        var names: [String: String] = [:]
        var referenced = desired.dependencies(of: service)
        referenced += service.links.map { String($0.split(separator: ":").first ?? "") }
        for name in referenced {
            if let first = finalNames[name]?.first ?? firstObserved[name] { names[name] = first }
        }
        let resolved = names
        return { resolved[$0] }
    }
}

/// A create request whose labels the config hash replaces with the file's own.
protocol LabelledRequest {
    var labels: [String: String]? { get set }
}

extension NetworkCreateBody: LabelledRequest {}
extension VolumeCreateBody: LabelledRequest {}
