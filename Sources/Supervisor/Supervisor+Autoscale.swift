import ComposeModel
import EngineAPI
import StateObserver

/// The autoscaler: every `interval`, each replica's CPU (Engine stats API), active connections and
/// new connections per second (load balancer) go through the HPA recommender; a new count is
/// applied like `scale`.
extension Supervisor {
    func autoscale(_ s: Service, policy: AutoscalePolicy) async {
        var recommender = ScaleRecommender<ContinuousClock.Instant>(policy: .init(
            min: policy.min, max: policy.max, cpu: policy.cpu, connections: policy.connections,
            connectionRate: policy.connectionRate, tolerance: policy.tolerance, scaleDownStabilization: policy.scaleDownStabilization.duration))
        let sampler = StatsSampler(engine: engine)
        // Connection counters of the last evaluation, for the rate (a replica's counter is monotonic).
        var lastTotals: [String: Int] = [:]
        var lastAt = clock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: policy.interval.duration)
            if Task.isCancelled { return }
            guard let list = try? await engine.listContainers(filters: ["label": [
                ComposeLabels.projectFilter(project.name), "\(ComposeLabels.service)=\(s.name)",
            ]]) else { continue }
            let running = list.compactMap(StateObserver.container).filter { !$0.isOneoff && $0.state == .running }
            let (conns, totals) = await connectionCounts(of: s.name)
            let now = clock.now
            let seconds = max(0.001, Self.seconds(lastAt.duration(to: now)))
            let previous = lastTotals
            lastTotals = totals
            lastAt = now
            var samples: [ScaleRecommender<ContinuousClock.Instant>.Sample] = await withTaskGroup(
                of: ScaleRecommender<ContinuousClock.Instant>.Sample.self) { group in
                for c in running {
                    group.addTask {
                        // A replica still starting has no meaningful metrics yet.
                        if c.health == .starting { return .init() }
                        let cpu = policy.cpu == nil ? nil : (try? await sampler.cpuPercent(containerID: c.id)) ?? nil
                        let active = policy.connections == nil ? nil : Double(conns[c.id] ?? 0)
                        // A replica first seen now has no rate yet.
                        let rate = policy.connectionRate == nil ? nil : previous[c.id].map { Double(max(0, (totals[c.id] ?? $0) - $0)) / seconds }
                        return .init(cpu: cpu, connections: active, connectionRate: rate)
                    }
                }
                var out: [ScaleRecommender<ContinuousClock.Instant>.Sample] = []
                for await sample in group { out.append(sample) }
                return out
            }
            // Replicas wanted but not running yet count, without metrics (handled conservatively).
            let current = desiredReplicas[s.name] ?? running.count
            while samples.count < current { samples.append(.init()) }
            let decision = recommender.evaluate(samples: samples, at: clock.now)
            let note = "\(decision.reason) → \(decision.desired) replica(s)"
            autoscaleNotes[s.name] = note
            if decision.desired != current {
                logger.info("autoscale \(s.name): \(current) → \(decision.desired) replicas (\(decision.reason))")
                await setReplicas(s.name, decision.desired)
            } else {
                logger.debug("autoscale \(s.name): stays at \(current) (\(decision.reason))")
            }
            writeStatus()
        }
    }
}
