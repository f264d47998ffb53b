public import ComposeModel

/// Engine-side names, as Docker Compose chooses them.
extension Project {
    /// `<project>-<service>-<n>` unless `container_name` is set.
    public func containerName(_ service: Service, number: Int) -> String {
        service.containerName ?? "\(name)-\(service.name)-\(number)"
    }

    /// The network's `name:` (the loader fills `<project>_<key>`), else `<project>_<key>`.
    public func networkName(_ key: String) -> String {
        networks[key]?.name ?? "\(name)_\(key)"
    }

    public func volumeName(_ key: String) -> String {
        volumes[key]?.name ?? "\(name)_\(key)"
    }

    /// The image a service runs: `image:`, else the name Compose gives built images.
    public func imageName(_ service: Service) -> String {
        service.image ?? "\(name)-\(service.name)"
    }

    /// Network keys a service attaches to, in the order they are connected:
    /// highest `priority` first, then as written. No `networks:` and no `network_mode` means `default`.
    public func networkKeys(of service: Service) -> [String] {
        if service.networkMode != nil { return [] }
        if service.networks.isEmpty { return ["default"] }
        let indexed = service.networks.enumerated().map { ($0.offset, $0.element.key, $0.element.value?.priority ?? 0) }
        return indexed.sorted { ($1.2, $0.0) < ($0.2, $1.0) }.map(\.1)
    }

    /// Services a service needs to exist first: `depends_on`, and `service:` references in
    /// `network_mode`, `ipc`, `pid`, `volumes_from`.
    public func dependencies(of service: Service) -> [String] {
        var out = Array(service.dependsOn.keys)
        for mode in [service.networkMode, service.ipc, service.pid] {
            if let mode, mode.hasPrefix("service:") { out.append(String(mode.dropFirst("service:".count))) }
        }
        for v in service.volumesFrom {
            let parts = v.split(separator: ":").map(String.init)
            if parts.first == "container" { continue }
            let name = parts.first == "service" && parts.count > 1 ? parts[1] : parts[0]
            out.append(name)
        }
        var seen = Set<String>()
        return out.filter { services[$0] != nil && seen.insert($0).inserted }
    }

    /// Service names with dependencies before dependents; ties keep file order. Cycles (rejected by the
    /// loader) fall back to file order rather than looping.
    public func servicesInDependencyOrder() -> [String] {
        var order: [String] = []
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ name: String) {
            if state[name] != nil { return }
            state[name] = 1
            if let s = services[name] {
                for d in dependencies(of: s) { visit(d) }
            }
            state[name] = 2
            order.append(name)
        }
        for name in services.keys { visit(name) }
        return order
    }
}
