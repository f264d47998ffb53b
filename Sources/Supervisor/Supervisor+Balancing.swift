import ComposeModel
import LoadBalancer
import StateObserver

/// The load balancers of balanced services: each serves one declared published port and forwards to
/// the replicas' ephemeral 127.0.0.1 ports, following scale, restarts and health on every pass.
extension Supervisor {
    /// Binds every balanced port not bound yet (a port still taken is retried at the next resync).
    func startBalancers() async {
        for name in options.balanced.sorted() {
            guard let s = project.services[name] else { continue }
            for p in s.ports {
                guard let text = p.published, let port = Int(text) else {
                    if let text = p.published, text.contains("-") {
                        logger.warning("\(name): published port range \(text) is not load-balanced; publish single ports")
                    }
                    continue
                }
                let proto: ListenerSpec.Proto = p.protocol == "udp" ? .udp : .tcp
                let spec = ListenerSpec(host: p.hostIP ?? "0.0.0.0", port: port, proto: proto, targetPort: p.target)
                if balancers[name, default: []].contains(where: { $0.listener == spec }) { continue }
                let balancer = Balancer(listener: spec, group: Balancer.sharedGroup, logger: logger)
                do {
                    try await balancer.start()
                    balancers[name, default: []].append(balancer)
                    listening.insert("\(spec.host):\(port)/\(proto.rawValue)")
                    logger.info("\(name): load balancer on \(spec.host):\(port)/\(proto.rawValue) → replicas' port \(p.target)")
                } catch {
                    logger.error("\(name): cannot serve \(spec.host):\(port): \(error); retrying at the next resync")
                }
            }
        }
    }

    func stopBalancers() async {
        for list in balancers.values { for b in list { await b.stop() } }
        balancers = [:]
    }

    /// Points the service's balancers at its replicas that can take traffic: running, and healthy
    /// when they have a healthcheck.
    func updateBackends(_ service: String, _ containers: [ObservedContainer]) {
        guard let list = balancers[service] else { return }
        for balancer in list {
            let spec = balancer.listener
            let backends = containers.compactMap { c -> Backend? in
                guard c.state == .running, c.health == nil || c.health == .healthy, !died.contains(c.id),
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
    func connections(of service: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for b in balancers[service] ?? [] {
            for s in b.stats.backends { out[s.id, default: 0] += s.activeConnections }
        }
        return out
    }
}
