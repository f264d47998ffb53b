import ComposeModel
import LoadBalancer
import StateObserver

/// The load balancers of balanced services: each serves one declared published port and forwards to
/// the replicas' ephemeral 127.0.0.1 ports, following scale, restarts and health on every pass.
/// Connections from this host take the kernel's path to the same ports when it is available
/// (`KernelForwarder`); the balancers' listeners serve the rest.
extension Supervisor {
    /// Binds every balanced port not bound yet (a port still taken is tried again soon).
    func startBalancers() async {
        if !kernelTried, !options.balanced.isEmpty, let iptables = options.iptables {
            kernelTried = true
            let forwarder = KernelForwarder(project: project.name, instance: options.instance, iptables: iptables, logger: logger)
            if await forwarder.start() { kernel = forwarder }
        }
        for name in options.balanced.sorted() {
            guard let s = project.services[name] else { continue }
            // A host range for one target port (`8000-8002:80`): every port of it serves all replicas.
            for p in s.ports {
                for port in p.publishedRange ?? 1...0 {
                    await startBalancer(name, p, port: port)
                }
            }
        }
    }

    /// Some balanced port is not served yet.
    var listenersMissing: Bool {
        options.balanced.contains { name in
            let expected = project.services[name]?.publishedPortCount ?? 0
            return (balancers[name]?.count ?? 0) < expected
        }
    }

    private func startBalancer(_ name: String, _ p: ServicePort, port: Int) async {
        let proto: ListenerSpec.Proto = p.protocol == "udp" ? .udp : .tcp
        let spec = ListenerSpec(host: p.hostIP ?? "0.0.0.0", port: port, proto: proto, targetPort: p.target)
        if balancers[name, default: []].contains(where: { $0.listener == spec }) { return }
        let balancer = Balancer(listener: spec, group: Balancer.sharedGroup, logger: logger)
        do {
            try await balancer.start()
            balancers[name, default: []].append(balancer)
            listening.insert("\(spec.host):\(port)/\(proto.rawValue)")
            logger.info("\(name): load balancer on \(spec.host):\(port)/\(proto.rawValue) → replicas' port \(p.target)")
        } catch {
            logger.error("\(name): cannot serve \(spec.host):\(port): \(error); trying again")
        }
    }

    /// On the way out (`down` stops the supervisor before the replicas): no new connections, and the
    /// open ones get the service's grace period to finish (at most `shutdownDrainLimit`, within the
    /// engine's stop timeout), while the replicas still run.
    func stopBalancers() async {
        let all = balancers
        let routes = kernelRoutes(excludingDrained: false)
        balancers = [:]
        let kernel = self.kernel
        self.kernel = nil
        // Rules first: new connections then reach the listeners, which are closing.
        await kernel?.stop()
        await withTaskGroup(of: Void.self) { group in
            for (name, list) in all {
                let grace = min(project.services[name]?.stopGracePeriod?.duration ?? .seconds(10), Self.shutdownDrainLimit)
                for b in list { group.addTask { await b.stop(drainingFor: grace) } }
            }
            if let kernel {
                for id in Set(routes.flatMap { $0.backends.map(\.id) }) {
                    group.addTask { await kernel.waitDrained(id, routes: routes, timeout: Self.shutdownDrainLimit) }
                }
            }
        }
    }

    static let shutdownDrainLimit: Duration = .seconds(8)

    /// Drain requests from `up` before it stops or replaces replicas: each container leaves the
    /// rotation, its open connections finish (or its grace period passes), then it is reported drained.
    func followDrainFile(_ file: String) async {
        while !Task.isCancelled {
            for (id, grace) in (ScaleFile.read(file) ?? [:]).sorted(by: { $0.key < $1.key }) where drainRequested.insert(id).inserted {
                let all = balancers.values.flatMap { $0 }
                logger.info("draining \(id.prefix(12)) before up replaces it")
                Task {
                    await self.drainReplicas([id], on: all, grace: .seconds(max(0, grace)))
                    self.finishedDrain(id)
                }
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    func finishedDrain(_ id: String) {
        drained.insert(id)
        writeStatus()
    }

    /// Points the service's balancers at its replicas that can take traffic: running, and healthy
    /// when they have a healthcheck.
    func updateBackends(_ service: String, _ containers: [ObservedContainer]) async {
        guard let list = balancers[service] else { return }
        for balancer in list {
            let spec = balancer.listener
            let backends = containers.compactMap { c -> Backend? in
                guard c.state == .running, c.health == nil || c.health == .healthy, !died.contains(c.id),
                      !terminating.contains(c.id),
                      let port = c.ports.first(where: {
                          $0.privatePort == spec.targetPort && $0.proto == spec.proto.rawValue && $0.publicPort != nil
                      })?.publicPort else { return nil }
                return Backend(id: c.id, host: "127.0.0.1", port: port)
            }
            balancer.setBackends(backends)
            backendSets[balancer.listener] = backends
        }
        await syncKernel()
    }

    /// A replica that died leaves its balancers at once, before the next pass: its port proxy may
    /// still accept a connection it can no longer serve.
    func dropBackend(_ service: String, id: String) async {
        for balancer in balancers[service] ?? [] {
            guard var set = backendSets[balancer.listener], set.contains(where: { $0.id == id }) else { continue }
            set.removeAll { $0.id == id }
            balancer.setBackends(set)
            backendSets[balancer.listener] = set
        }
        await syncKernel()
    }

    /// Scale-down: the replicas about to go get no new connections, and their open ones finish
    /// (or the grace period passes) before they are stopped.
    func drain(_ service: Service, ids: [String]) async {
        guard let list = balancers[service.name], !ids.isEmpty else { return }
        await drainReplicas(ids, on: list, grace: service.stopGracePeriod?.duration ?? .seconds(10))
    }

    /// Takes the replicas out of rotation, on `list` and on the kernel's path, and waits until their
    /// open connections end or `grace` passes.
    func drainReplicas(_ ids: [String], on list: [Balancer], grace: Duration) async {
        let routes = kernelRoutes(excludingDrained: false)
        terminating.formUnion(ids)
        await syncKernel()
        let kernel = self.kernel
        await withTaskGroup(of: Void.self) { group in
            for balancer in list {
                for id in ids { group.addTask { await balancer.drain(id: id, timeout: grace) } }
            }
            if let kernel {
                for id in ids { group.addTask { await kernel.waitDrained(id, routes: routes, timeout: grace) } }
            }
        }
    }

    /// Per replica (container ID), over the service's balancers and the kernel's path: connections
    /// open now, and connections ever routed to it (for the new-connection rate).
    func connectionCounts(of service: String) async -> (open: [String: Int], total: [String: Int]) {
        var open: [String: Int] = [:], total: [String: Int] = [:]
        for b in balancers[service] ?? [] {
            for s in b.stats.backends {
                open[s.id, default: 0] += s.activeConnections
                total[s.id, default: 0] += s.totalConnections
            }
        }
        if let kernel {
            let listeners = Set((balancers[service] ?? []).map(\.listener))
            let routes = kernelRoutes(excludingDrained: false).filter { listeners.contains($0.listener) }
            for (id, counts) in await kernel.counts(routes) {
                open[id, default: 0] += counts.open
                total[id, default: 0] += counts.total
            }
        }
        return (open, total)
    }

    /// What the kernel forwards: every balancer's backends, without the ones leaving (for counting
    /// a drain, with them).
    func kernelRoutes(excludingDrained: Bool) -> [KernelRoute] {
        balancers.values.flatMap { $0 }.map { b in
            let backends = backendSets[b.listener] ?? []
            return KernelRoute(listener: b.listener,
                               backends: excludingDrained ? backends.filter { !terminating.contains($0.id) } : backends)
        }.sorted { ($0.listener.port, $0.listener.proto.rawValue) < ($1.listener.port, $1.listener.proto.rawValue) }
    }

    /// Brings the kernel's rules in line with the balancers (a no-op when nothing changed).
    func syncKernel() async {
        await kernel?.apply(kernelRoutes(excludingDrained: true))
    }
}
