import ComposeModel
import LoadBalancer
import StateObserver

/// The load balancers of balanced services: each serves one declared published port and forwards to
/// the replicas' ephemeral 127.0.0.1 ports, following scale, restarts and health on every pass.
extension Supervisor {
    /// Binds every balanced port not bound yet (a port still taken is tried again soon).
    func startBalancers() async {
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
        balancers = [:]
        await withTaskGroup(of: Void.self) { group in
            for (name, list) in all {
                let grace = min(project.services[name]?.stopGracePeriod?.duration ?? .seconds(10), Self.shutdownDrainLimit)
                for b in list { group.addTask { await b.stop(drainingFor: grace) } }
            }
        }
    }

    static let shutdownDrainLimit: Duration = .seconds(8)

    /// Drain requests from `up` before it stops or replaces replicas: each container leaves the
    /// rotation, its open connections finish (or its grace period passes), then it is reported drained.
    func followDrainFile(_ file: String) async {
        while !Task.isCancelled {
            for (id, grace) in (ScaleFile.read(file) ?? [:]).sorted(by: { $0.key < $1.key }) where drainRequested.insert(id).inserted {
                terminating.insert(id)
                let all = balancers.values.flatMap { $0 }
                logger.info("draining \(id.prefix(12)) before up replaces it")
                Task {
                    await withTaskGroup(of: Void.self) { group in
                        for b in all { group.addTask { await b.drain(id: id, timeout: .seconds(max(0, grace))) } }
                    }
                    await self.finishedDrain(id)
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
    func updateBackends(_ service: String, _ containers: [ObservedContainer]) {
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
    }

    /// A replica that died leaves its balancers at once, before the next pass: its port proxy may
    /// still accept a connection it can no longer serve.
    func dropBackend(_ service: String, id: String) {
        for balancer in balancers[service] ?? [] {
            guard var set = backendSets[balancer.listener], set.contains(where: { $0.id == id }) else { continue }
            set.removeAll { $0.id == id }
            balancer.setBackends(set)
            backendSets[balancer.listener] = set
        }
    }

    /// Scale-down: the replicas about to go get no new connections, and their open ones finish
    /// (or the grace period passes) before they are stopped.
    func drain(_ service: Service, ids: [String]) async {
        guard let list = balancers[service.name], !ids.isEmpty else { return }
        let grace = service.stopGracePeriod?.duration ?? .seconds(10)
        await withTaskGroup(of: Void.self) { group in
            for balancer in list {
                for id in ids { group.addTask { await balancer.drain(id: id, timeout: grace) } }
            }
        }
    }

    /// Active connections per replica (container ID), over all of the service's balancers.
    /// Connections ever routed to each replica (container id), for the new-connection rate.
    func connectionTotals(of service: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for b in balancers[service] ?? [] {
            for s in b.stats.backends { out[s.id, default: 0] += s.totalConnections }
        }
        return out
    }

    func connections(of service: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for b in balancers[service] ?? [] {
            for s in b.stats.backends { out[s.id, default: 0] += s.activeConnections }
        }
        return out
    }
}
