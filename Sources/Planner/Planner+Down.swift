public import ComposeModel
public import StateObserver

extension Planner {
    /// `down`: stop and remove the project's containers (dependents first), then its networks,
    /// and with `-v` its volumes (never external ones).
    public static func planDown(desired: Project, observed: ObservedProject, options: DownOptions) -> Plan {
        var plan = Plan()
        let known = Set(desired.services.keys).union(desired.disabledServices.keys)
        let orphans = orphans(desired: desired, observed: observed)
        // Without a compose file (project named by -p only) everything labelled with the project goes.
        let removeAll = options.removeOrphans || desired.services.isEmpty && desired.disabledServices.isEmpty
        // One-off `run` containers of the project's services go too, as with Docker Compose.
        var containers = observed.containers.filter { known.contains($0.service) }
        if !options.services.isEmpty {
            let only = Set(options.services)
            containers = containers.filter { only.contains($0.service) }
        } else if removeAll {
            containers += observed.containers.filter { !known.contains($0.service) }
        } else if !orphans.isEmpty {
            plan.warnings.append(orphanWarning(orphans))
        }

        // Reverse dependency order: a service's containers stop after those of the services that depend on it.
        let order = desired.servicesInDependencyOrder()
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element, $0.offset) })
        containers.sort {
            (-(rank[$0.service] ?? order.count), $0.service, $0.number, $0.name)
                < (-(rank[$1.service] ?? order.count), $1.service, $1.number, $1.name)
        }
        var dependents: [String: [String]] = [:]
        for (name, s) in desired.services {
            for d in desired.dependencies(of: s) { dependents[d, default: []].append(name) }
        }
        // The containers' depends_on labels give the order when no compose file is at hand (-p only).
        for c in containers {
            for entry in (c.labels[ComposeLabels.dependsOn] ?? "").split(separator: ",") {
                guard let dep = entry.split(separator: ":").first.map(String.init), dep != c.service else { continue }
                if !(dependents[dep] ?? []).contains(c.service) { dependents[dep, default: []].append(c.service) }
            }
        }
        // Stop dependents first: visit services so that each comes after all its dependents.
        if desired.services.isEmpty {
            var ordered: [String] = []
            var seen = Set<String>()
            func visit(_ service: String) {
                guard seen.insert(service).inserted else { return }
                for d in (dependents[service] ?? []).sorted() { visit(d) }
                ordered.append(service)
            }
            for service in Set(containers.map(\.service)).sorted() { visit(service) }
            let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element, $0.offset) })
            containers.sort { (position[$0.service] ?? 0, $0.number, $0.name) < (position[$1.service] ?? 0, $1.number, $1.name) }
        }
        var stopNodes: [String: [Int]] = [:]
        var removals: [Int] = []
        // The supervisor goes first, or it would restart and repair what `down` removes.
        var first: [Int] = []
        if options.services.isEmpty, let sup = observed.supervisor {
            let ref = ContainerRef(id: sup.id, name: sup.name, service: "")
            let stop = sup.isRunning || sup.state == .paused
                ? [plan.add(.stopContainer(ref, timeout: 10, replaced: false))] : []
            first = [plan.add(.removeContainer(ref, removeVolumes: true, replaced: false), after: stop)]
            removals += first
        }
        for c in containers {
            let ref = ContainerRef(id: c.id, name: c.name, service: c.service)
            let after = (dependents[c.service] ?? []).flatMap { stopNodes[$0] ?? [] } + first
            var removeAfter = after
            if c.isRunning || c.state == .paused {
                let timeout = options.timeout
                    ?? desired.services[c.service]?.stopGracePeriod.map { Int($0.nanoseconds / 1_000_000_000) }
                // An exec cannot run in a paused container.
                let hooks = c.isRunning
                    ? plan.addHooks(desired.services[c.service]?.preStop ?? [], .preStop, container: ref, after: after) : after
                let stop = plan.add(.stopContainer(ref, timeout: timeout, replaced: false), after: hooks)
                stopNodes[c.service, default: []].append(stop)
                removeAfter = [stop]
            }
            removals.append(plan.add(.removeContainer(ref, removeVolumes: options.removeVolumes, replaced: false),
                                     after: removeAfter))
        }

        if !options.services.isEmpty { return plan }

        // Networks declared by the project (not external), and any other labelled with it.
        var networks: [String] = []
        var keys = Array(desired.networks.keys)
        if !keys.contains("default") { keys.append("default") }
        for key in keys where desired.networks[key]?.isExternal != true {
            let name = desired.networkName(key)
            if let n = observed.networks[name], n.labels[ComposeLabels.project].map({ $0 == desired.name }) ?? true,
               !networks.contains(name) {
                networks.append(name)
            }
        }
        for n in observed.networks.values.sorted(by: { $0.name < $1.name })
        where n.labels[ComposeLabels.project] == desired.name && !networks.contains(n.name) {
            let key = n.labels[ComposeLabels.network] ?? ""
            if desired.networks[key]?.isExternal == true { continue }
            networks.append(n.name)
        }
        for name in networks { plan.add(.removeNetwork(name: name), after: removals) }

        if options.removeVolumes {
            var volumes: [String] = []
            for (key, v) in desired.volumes where !v.isExternal {
                let name = desired.volumeName(key)
                if let o = observed.volumes[name], o.labels[ComposeLabels.project].map({ $0 == desired.name }) ?? true {
                    volumes.append(name)
                }
            }
            for v in observed.volumes.values.sorted(by: { $0.name < $1.name })
            where v.labels[ComposeLabels.project] == desired.name && !volumes.contains(v.name) {
                let key = v.labels[ComposeLabels.volume] ?? ""
                if desired.volumes[key]?.isExternal == true { continue }
                volumes.append(v.name)
            }
            for name in volumes { plan.add(.removeVolume(name: name), after: removals) }
        }
        if let mode = options.removeImages {
            for name in imagesToRemove(desired: desired, observed: observed, mode: mode, anyService: removeAll) {
                plan.add(.removeImage(name: name), after: removals)
            }
        }
        return plan
    }

    /// `down --rmi`, as Docker Compose chooses: the images labelled with the project (built by it; by
    /// their first tag) of its services, or of any service with `anyService`; the `<project>-<service>`
    /// image of each service without `image:`; and with `all`, every image a service names. Only
    /// images present locally, each once, sorted.
    static func imagesToRemove(desired: Project, observed: ObservedProject, mode: DownOptions.ImageRemoval,
                               anyService: Bool) -> [String] {
        let services = Array(desired.services.values) + Array(desired.disabledServices.values)
        let known = Set(services.map(\.name))
        var names: [String] = []
        for image in observed.projectImages where anyService || known.contains(image.service) {
            names.append(image.tags[0])
        }
        for s in services where s.image == nil || mode == .all {
            let name = desired.imageName(s)
            if observed.images[name] != nil { names.append(name) }
        }
        return Set(names.map(withDefaultTag)).sorted()
    }

    /// `nginx` and `nginx:latest` are one image: a reference without tag or digest gets `:latest`.
    static func withDefaultTag(_ reference: String) -> String {
        let lastComponent = reference.split(separator: "/").last ?? Substring(reference)
        return lastComponent.contains(":") || reference.contains("@") ? reference : reference + ":latest"
    }

    /// Stops running containers of the project among `containers` (names), dependents first; removes nothing.
    public static func planStop(desired: Project, observed: ObservedProject, containers names: Set<String>,
                                timeout: Int?) -> Plan {
        var plan = Plan()
        let order = desired.servicesInDependencyOrder()
        var dependents: [String: [String]] = [:]
        for (name, s) in desired.services {
            for d in desired.dependencies(of: s) { dependents[d, default: []].append(name) }
        }
        var stopNodes: [String: [Int]] = [:]
        for service in order.reversed() {
            for c in observed.containers(of: service) where names.contains(c.name) && (c.isRunning || c.state == .paused) {
                let after = (dependents[service] ?? []).flatMap { stopNodes[$0] ?? [] }
                let t = timeout ?? desired.services[service]?.stopGracePeriod.map { Int($0.nanoseconds / 1_000_000_000) }
                let stop = plan.add(.stopContainer(ContainerRef(id: c.id, name: c.name, service: service), timeout: t, replaced: false),
                                    after: after)
                stopNodes[service, default: []].append(stop)
            }
        }
        return plan
    }
}
