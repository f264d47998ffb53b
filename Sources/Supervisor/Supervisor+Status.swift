import Foundation

extension Supervisor {
    /// What `ps` shows and a restarted supervisor reads back.
    public func status() -> SupervisionStatus {
        var out = SupervisionStatus(project: project.name, updated: Date().timeIntervalSince1970)
        for (name, m) in machines {
            var slot = SupervisionStatus.Slot(state: "idle", id: slotIDs[name], restarts: m.restartCount)
            switch m.state {
            case .running: slot.state = "running"
            case .idle: slot.state = "idle"
            case .backingOff:
                slot.state = "backoff"
                slot.nextRestart = nextRestart[name]
                slot.reason = reasons[name]
            case .gaveUp(let reason):
                slot.state = "gave-up"
                slot.reason = reason
            }
            out.containers[name] = slot
        }
        out.listening = listening.isEmpty ? nil : listening.sorted()
        out.kernelChain = kernel?.chain
        out.drained = options.drainFile == nil ? nil : drained.sorted()
        out.userStopped = userStopped.keys.filter { id in slotIDs.values.contains(id) }.sorted()
        for (name, count) in desiredReplicas {
            out.services[name] = SupervisionStatus.ServiceState(replicas: count, autoscale: autoscaleNotes[name])
        }
        return out
    }

    func writeStatus() {
        if shuttingDown { return }
        let current = status()
        var comparable = current
        comparable.updated = lastStatus?.updated ?? 0
        guard comparable != lastStatus else { return }
        lastStatus = current
        guard let path = options.statusPath else { return }
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // Write then rename: a reader never sees half a file.
        let tmp = path + ".tmp"
        if FileManager.default.createFile(atPath: tmp, contents: current.encoded()) {
            _ = rename(tmp, path)
        }
    }

    /// Reads the status a previous run left (the supervisor container keeps it across restarts).
    func restoreStatus() {
        guard let path = options.statusPath, let data = FileManager.default.contents(atPath: path),
              let saved = SupervisionStatus.decode(Array(data)), saved.project == project.name else { return }
        let now = clock.now
        for (name, slot) in saved.containers {
            slotIDs[name] = slot.id
            guard let service = project.services.values.first(where: { name.hasPrefix("\(project.name)-\($0.name)-") }),
                  let rule = rules[service.name] else { continue }
            var m = Machine(rule: rule)
            m.restore(restarts: slot.restarts, gaveUp: slot.state == "gave-up" ? (slot.reason ?? "gave up") : nil, at: now)
            machines[name] = m
        }
        // The autoscaler's count outlives a restart of the supervisor.
        for (name, state) in saved.services {
            guard let a = project.services[name]?.autoscale else { continue }
            desiredReplicas[name] = min(max(state.replicas, a.min), a.max)
        }
        for id in saved.userStopped { userStopped[id] = now.advanced(by: .seconds(-3600)) }
        logger.info("restored supervision state: \(saved.containers.count) container(s), \(saved.userStopped.count) stopped by a user")
    }
}
