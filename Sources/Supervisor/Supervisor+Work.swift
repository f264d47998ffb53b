import Foundation
import ComposeModel
import EngineAPI
import StateObserver
import Planner
import Executor

extension Supervisor {
    /// One pass over one service, from a fresh list of its containers.
    func process(_ service: String) async {
        guard let s = project.services[service] else { return }
        let list: [ContainerSummary]
        do {
            list = try await engine.listContainers(all: true, filters: ["label": [
                ComposeLabels.projectFilter(project.name), "\(ComposeLabels.service)=\(service)",
            ]])
        } catch {
            if !Task.isCancelled { logger.warning("\(service): cannot list containers: \(error)") }
            return
        }
        var containers = list.compactMap(StateObserver.container).filter { !$0.isOneoff && !$0.isSupervisor }
        // The list lags the events: a container that died may still show as running. Inspect reads
        // the container itself, so those few are asked directly instead of waiting for the list.
        for (i, c) in containers.enumerated() where c.isRunning && died.contains(c.id) {
            guard let state = try? await engine.inspectContainer(c.id).state, state.running != true else { continue }
            containers[i].state = ObservedContainer.State(rawValue: state.status ?? "") ?? .exited
            containers[i].exitCode = state.exitCode
            containers[i].health = nil
        }
        logger.trace("pass over \(service): \(containers.map { "\($0.name)=\($0.state.rawValue)" })")
        for c in containers { await supervise(c, rule: rules[service] ?? RestartRule(), service: s) }
        await updateBackends(service, containers)
        await repair(s, containers)
        writeStatus()
    }

    /// Restart and healing decisions for one container.
    func supervise(_ c: ObservedContainer, rule: RestartRule, service: Service) async {
        let now = clock.now
        var m = machines[c.name] ?? Machine(rule: rule)
        if let known = slotIDs[c.name], known != c.id {
            // A new container in this slot (recreated, or replaced by repair): a clean history.
            m = Machine(rule: rule)
            clearPending(c.name)
        }
        slotIDs[c.name] = c.id
        defer { machines[c.name] = m }
        switch c.state {
        case .running:
            if died.contains(c.id) {
                // The engine's list lags its events: look again shortly.
                queue.add(service.name, after: .milliseconds(20))
                return
            }
            handledDeath.remove(c.id)
            if case .backingOff(let until, let attempt) = m.state {
                // A heal is pending (or someone else started it while we waited).
                guard c.health == .unhealthy else { m.started(at: now); clearPending(c.name); return }
                if now < until { queue.add(service.name, after: now.duration(to: until)); return }
                await heal(c, service: service, attempt: attempt)
                m.started(at: clock.now)
                return
            }
            if case .running = m.state {} else { m.started(at: now) }
            if c.health == .unhealthy {
                let action = m.unhealthy(at: now)
                schedule(action, c, service: service.name, why: "unhealthy")
            }
        case .exited, .dead:
            if userStopped[c.id] != nil {
                if case .idle = m.state {} else { logger.info("\(c.name) was stopped by a user; leaving it stopped") }
                m.stoppedByUser()
                clearPending(c.name)
                return
            }
            switch m.state {
            case .backingOff(let until, let attempt):
                let due = restartTime(until, id: c.id)
                if now < due { queue.add(service.name, after: now.duration(to: due)); return }
                machines[c.name] = m
                await startDead(id: c.id, name: c.name, attempt: attempt, service: service.name)
                m = machines[c.name] ?? m
            case .gaveUp:
                return
            case .running, .idle:
                guard handledDeath.insert(c.id).inserted else { return }
                let code = c.exitCode ?? 0
                let action = m.exited(code: code, at: now)
                schedule(action, c, service: service.name, why: "exited with code \(code)")
            }
        case .created, .paused, .restarting, .removing:
            return
        }
    }

    func schedule(_ action: Machine.Action, _ c: ObservedContainer, service: String, why: String) {
        schedule(action, id: c.id, name: c.name, running: c.isRunning, service: service, why: why)
    }

    func schedule(_ action: Machine.Action, id: String, name: String, running: Bool, service: String, why: String) {
        switch action {
        case .restart(let delay, let attempt):
            logger.info("\(name) \(why); restarting in \(Self.text(delay)) (attempt \(attempt))")
            logger.trace("restart of \(name) scheduled at \(Self.epochMillis())")
            nextRestart[name] = Date().timeIntervalSince1970 + Self.seconds(delay)
            reasons[name] = why
            if running {
                queue.add(service, after: delay)
            } else {
                // The restart itself does not wait for a whole pass: one inspect confirms, then start.
                Task {
                    try? await Task.sleep(for: delay)
                    await self.restartDue(id: id, name: name, service: service)
                }
            }
        case .giveUp(let reason):
            logger.warning("\(name) \(reason); leaving it stopped")
            reasons[name] = reason
            nextRestart[name] = nil
        case .none:
            break
        }
    }

    /// A `die` event: fed to the container's machine at once (the pass that follows finds it handled).
    func deathNoticed(id: String, name: String, code: Int, service: String) {
        guard let rule = rules[service] else { return }
        var m = machines[name] ?? Machine(rule: rule)
        if let known = slotIDs[name], known != id {
            m = Machine(rule: rule)
            clearPending(name)
        }
        slotIDs[name] = id
        switch m.state {
        case .running, .idle:
            guard handledDeath.insert(id).inserted else { return }
            let action = m.exited(code: code, at: clock.now)
            machines[name] = m
            schedule(action, id: id, name: name, running: false, service: service, why: "exited with code \(code)")
        case .backingOff, .gaveUp:
            return
        }
    }

    /// A dead container's backoff has run out: restart it if it is still the same dead container,
    /// nobody stopped it on purpose, and no stop event may still be on its way; else a pass decides.
    func restartDue(id: String, name: String, service: String) async {
        guard case .backingOff(let until, let attempt)? = machines[name]?.state, slotIDs[name] == id,
              userStopped[id] == nil else { await queue.add(service); return }
        let due = restartTime(until, id: id)
        if clock.now < due { queue.add(service, after: clock.now.duration(to: due)); return }
        guard let state = try? await engine.inspectContainer(id).state, state.running != true,
              userStopped[id] == nil, case .backingOff? = machines[name]?.state else { await queue.add(service); return }
        await startDead(id: id, name: name, attempt: attempt, service: service)
        writeStatus()
    }

    /// When a backed-off restart may happen: a death that followed a `kill` also waits for the `stop`
    /// event a `docker stop` would send.
    func restartTime(_ until: ContinuousClock.Instant, id: String) -> ContinuousClock.Instant {
        guard let died = signalled[id] else { return until }
        return max(until, died.advanced(by: Self.stopEventGrace))
    }

    /// Starts a dead container whose backoff ran out. A failed start counts as another failure:
    /// the next pass backs off further.
    func startDead(id: String, name: String, attempt: Int, service: String) async {
        // The backoff timer and a pass may both find the restart due: one start call.
        guard starting.insert(id).inserted else { return }
        defer { starting.remove(id) }
        do {
            logger.trace("start of \(name) requested at \(Self.epochMillis())")
            try await engine.startContainer(id)
            logger.trace("start of \(name) returned at \(Self.epochMillis())")
            logger.info("restarted \(name) (attempt \(attempt))")
        } catch let e as EngineError where e.isNotModified {
            // Started meanwhile by a pass or by someone else.
        } catch {
            logger.warning("restarting \(name) failed: \(error)")
            queue.add(service, after: .milliseconds(10))
        }
        machines[name]?.started(at: clock.now)
        handledDeath.remove(id)
        clearPending(name)
    }

    func clearPending(_ name: String) {
        nextRestart[name] = nil
    }

    /// Restarts an unhealthy container: stop with its grace period, then start.
    func heal(_ c: ObservedContainer, service: Service, attempt: Int) async {
        let grace = service.stopGracePeriod.map { Int($0.nanoseconds / 1_000_000_000) }
        do {
            try await engine.restartContainer(c.id, timeout: grace)
            logger.info("restarted unhealthy \(c.name) (attempt \(attempt))")
        } catch {
            logger.warning("restarting unhealthy \(c.name) failed: \(error)")
        }
        clearPending(c.name)
    }

    /// Brings the service back to its replica count, like a ReplicaSet: missing replicas are created
    /// with the numbers the reconciler would give them; extra ones (a lowered count) are removed.
    func repair(_ s: Service, _ containers: [ObservedContainer]) async {
        await applyScaleFile()
        var want = desiredReplicas[s.name] ?? s.replicas
        let live = containers.filter { $0.state != .removing && $0.state != .dead }
        guard live.count != want else { return }
        // A recreate by `up` is in flight (its container still has the temporary `<id>_name`): counting
        // now would undo it. Look again shortly.
        if containers.contains(where: { Self.isTemporaryName($0.name) }) {
            queue.add(s.name, after: .seconds(1))
            return
        }
        do {
            let observed = try await StateObserver(engine: engine).observe(
                project: project.name,
                networkNames: Set(project.networkKeys(of: s).map { project.networkName($0) }),
                volumeNames: Set(s.volumes.compactMap { v in v.type == .volume ? v.source.map { project.volumeName($0) } : nil }),
                images: [project.imageName(s)])
            // This list may show a change the first did not: read the counts that go with it.
            await applyScaleFile()
            want = desiredReplicas[s.name] ?? s.replicas
            var options = UpOptions(services: [s.name], recreate: .never, noDeps: true, scale: [s.name: want])
            options.repairOnly = true
            options.balanced = self.options.balanced
            let plan = try Planner.plan(desired: project, observed: observed, options: options)
            guard !plan.isEmpty else { return }
            let verb = live.count < want ? "creating \(want - live.count)" : "removing \(live.count - want)"
            logger.info("\(s.name): \(live.count) of \(want) replica(s); \(verb)")
            // Replicas going away are drained first: no new connections, open ones finish.
            var leaving: [String] = []
            for node in plan.nodes {
                if case .removeContainer(let ref, _, false) = node.operation, ref.service == s.name, let id = ref.id {
                    leaving.append(id)
                }
            }
            await drain(s, ids: leaving)
            let result = await Executor(engine: engine, parallelism: 8).run(plan)
            for f in result.failures { logger.warning("\(s.name): \(f.resource): \(f.message)") }
        } catch {
            logger.warning("\(s.name): replica repair failed: \(error)")
        }
    }

    /// `0123456789ab_project-web-1`: the name a replacement has before its rename.
    static func isTemporaryName(_ name: String) -> Bool {
        let prefix = name.prefix(13)
        return prefix.count == 13 && prefix.last == "_" && prefix.dropLast().allSatisfy(\.isHexDigit)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func text(_ d: Duration) -> String {
        let s = seconds(d)
        return s < 1 ? "\(Int((s * 1000).rounded()))ms" : "\(((s * 10).rounded() / 10))s"
    }
}
