import Foundation
import Crypto
import ComposeModel
import ComposeLoader
import EngineAPI
import StateObserver
import Executor
import ImageBuilder
import Supervisor
import Planner
import LoadBalancer

/// The project's supervisor container, which keeps supervising after `up -d` returns: the swiftcompose
/// binary itself in a local `FROM scratch` image, the engine socket mounted, engine restart policy
/// `always` (so it survives the shell, and comes back with the daemon), host networking (its load
/// balancers serve the published ports on the host and reach replicas on their 127.0.0.1 ports),
/// labelled with the project so `ps` shows it and `down` removes it. With a local engine and iptables
/// on the host, the image carries iptables and the container NET_ADMIN, for kernel forwarding.
struct SupervisorContainer {
    let context: CommandContext

    static func name(_ project: String) -> String { "\(project)-supervisor" }

    /// A project needs supervision when something in it asks for more than the engine does:
    /// `deploy.restart_policy`, a healthcheck to heal, several replicas to keep, `x-supervise`, `x-autoscale`.
    static func needed(_ project: Project, scale: [String: Int] = [:]) -> Bool {
        if case .bool(false)? = project.extensions["x-supervise"] { return false }
        if project.extensions["x-supervise"] != nil { return true }
        return project.services.values.contains { s in
            s.deploy?.restartPolicy != nil || (s.healthcheck?.test != nil && s.healthcheck?.isDisabled != true)
                || (scale[s.name] ?? s.replicas) > 1
                || s.extensions["x-supervise"] != nil || s.extensions["x-autoscale"] != nil
        }
    }

    /// Creates the supervisor container, or recreates it when the project or the binary changed, and starts it.
    /// `scale`: every service's replica count as `up` leaves it; it goes to the scale file, which the running
    /// supervisor applies live (scale-down through its load balancer's drain), no recreation.
    /// `since`: when `up` began (Unix seconds); the supervisor replays the events from then.
    func ensure(project: Project, observed: ObservedProject, scale: [String: Int], since: Double) async throws(CommandFailure) {
        let engine = context.engine
        let printer = context.printer
        let name = Self.name(project.name)
        do {
            // Kernel forwarding uses the host's iptables; a remote engine's host may differ, so only a local one.
            let iptables = context.engine.host.isLocal ? KernelForwarder.locateIPTables() : nil
            let image = try await SupervisorImage.ensure(engine: engine, iptables: iptables)
            let file = try ProjectEncoder.json(project) + "\n"
            let hash = SHA256.hash(data: Data((image + "\n" + file).utf8)).lowercaseHex
            if let current = observed.supervisor, current.labels[SupervisorLabels.configHash] == hash {
                try await writeScale(scale, container: current.id, merge: false)
                if !current.isRunning { try await engine.startContainer(current.id) }
                printer.show(ProgressEvent(kind: "Container", name: name, phase: .done, status: "Running"))
                return
            }
            try await checkPortsFree(project: project, scale: scale)
            var previous: ObservedContainer?
            if let current = observed.supervisor {
                printer.show(ProgressEvent(kind: "Container", name: name, phase: .working, status: "Recreate"))
                if current.isRunning {
                    // A handover without a gap on the balanced ports: the old one keeps serving under
                    // another name until the new one listens beside it, then drains and goes.
                    try await engine.renameContainer(current.id, to: "\(name)-replaced-\(current.id.prefix(12))")
                    previous = current
                } else {
                    try await engine.removeContainer(current.id, force: true)
                }
            } else {
                printer.show(ProgressEvent(kind: "Container", name: name, phase: .working, status: "Creating"))
            }
            let body = body(project: project, image: image, hash: hash, since: since)
            let id = try await engine.createContainer(name: name, body: body).id
            let tar = TarArchive.single(path: SupervisorLabels.projectPath, content: Array(file.utf8), mode: 0o644, uid: 0, gid: 0)
            try await engine.putArchive(id, path: "/", tar: tar)
            try await writeScale(scale, container: id, merge: false)
            try await engine.startContainer(id)
            if let previous {
                // An old supervisor built before port sharing keeps its ports until it stops.
                let sharing = (try? await waitForListeners(project: project, scale: scale, container: id, within: .seconds(5))) != nil
                try? await engine.stopContainer(previous.id, timeout: 10)
                try? await engine.removeContainer(previous.id, force: true)
                if !sharing { try await waitForListeners(project: project, scale: scale, container: id) }
            } else {
                try await waitForListeners(project: project, scale: scale, container: id)
            }
            printer.show(ProgressEvent(kind: "Container", name: name, phase: .done, status: "Started"))
        } catch let e as CommandFailure {
            throw e
        } catch {
            printer.show(ProgressEvent(kind: "Container", name: name, phase: .failed, status: "Error"))
            throw CommandFailure("supervisor: \(CommandContext.describe(error))")
        }
    }

    /// Balancers share ports (SO_REUSEPORT, for a handover), so a port another project's balancer
    /// serves would be shared silently: refuse it, as a taken port is refused.
    func checkPortsFree(project: Project, scale: [String: Int]) async throws(CommandFailure) {
        var wanted: [String: String] = [:]
        for name in Planner.balancedServices(project, scale: scale) {
            for p in project.services[name]?.ports ?? [] {
                for port in p.publishedRange ?? 1...0 { wanted["\(p.hostIP ?? "0.0.0.0"):\(port)/\(p.protocol ?? "tcp")"] = name }
            }
        }
        guard !wanted.isEmpty, let others = try? await context.engine.listContainers(all: false, filters: [
            "label": ["\(ComposeLabels.role)=\(ComposeLabels.supervisorRole)"]]) else { return }
        for other in others {
            guard let owner = other.labels?[ComposeLabels.project], owner != project.name,
                  let status = await Self.status(engine: context.engine, container: other.id) else { continue }
            if let taken = (status.listening ?? []).sorted().first(where: { wanted[$0] != nil }) {
                throw CommandFailure("service \(wanted[taken]!): \(taken) is already served by the load balancer of project \"\(owner)\"; "
                                     + "publish another port or run `swiftcompose -p \(owner) down`")
            }
        }
    }

    /// Returns once the supervisor serves every balanced port, so traffic sent after `up` finds a listener.
    func waitForListeners(project: Project, scale: [String: Int], container: String,
                          within limit: Duration = .seconds(30)) async throws(CommandFailure) {
        var expected = 0
        for name in Planner.balancedServices(project, scale: scale) {
            expected += project.services[name]?.publishedPortCount ?? 0
        }
        guard expected > 0 else { return }
        let deadline = ContinuousClock.now.advanced(by: limit)
        while ContinuousClock.now < deadline {
            if let status = await Self.status(engine: context.engine, container: container),
               (status.listening ?? []).count >= expected { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        throw CommandFailure("the supervisor does not serve the published ports of " +
                             Planner.balancedServices(project, scale: scale).sorted().joined(separator: ", ") +
                             " after \(limit) (is a port taken?); see `docker logs \(Self.name(project.name))`")
    }

    /// Writes the scale file into the supervisor container (written whole, then picked up by the supervisor).
    func writeScale(_ counts: [String: Int], container: String, merge: Bool) async throws {
        var all = counts
        if merge { all = (await Self.readScale(engine: context.engine, container: container) ?? [:]).merging(counts) { $1 } }
        let tar = TarArchive.single(path: SupervisorLabels.scalePath, content: ScaleFile.encode(all), mode: 0o644, uid: 0, gid: 0)
        try await context.engine.putArchive(container, path: "/", tar: tar)
    }

    /// Whether the running supervisor drains on request (its status lists `drained`, maybe empty).
    func drains(container: String) async -> Bool {
        await Self.status(engine: context.engine, container: container)?.drained != nil
    }

    /// Writes the drain requests (container ID → grace seconds) into the supervisor container.
    func writeDrain(_ requests: [String: Int], container: String) async -> Bool {
        let tar = TarArchive.single(path: SupervisorLabels.drainPath, content: ScaleFile.encode(requests), mode: 0o644, uid: 0, gid: 0)
        return (try? await context.engine.putArchive(container, path: "/", tar: tar)) != nil
    }

    /// Returns once the supervisor reports `id` drained, or after its grace period and 3 s.
    func waitDrained(_ id: String, grace: Int, container: String) async {
        let deadline = ContinuousClock.now.advanced(by: .seconds(grace + 3))
        while ContinuousClock.now < deadline {
            if let status = await Self.status(engine: context.engine, container: container),
               (status.drained ?? []).contains(id) { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    static func readScale(engine: EngineClient, container: String) async -> [String: Int]? {
        guard let bytes = await file(engine: engine, container: container, path: SupervisorLabels.scalePath) else { return nil }
        return ScaleFile.decode(bytes)
    }

    func body(project: Project, image: String, hash: String, since: Double) -> ContainerCreateBody {
        var config = ContainerConfig()
        config.image = image
        config.cmd = ["supervise", "-p", project.name, "-f", SupervisorLabels.projectPath,
                      "--status-file", SupervisorLabels.statusPath, "--scale-file", SupervisorLabels.scalePath,
                      "--drain-file", SupervisorLabels.drainPath,
                      "--since", String(Int(since))]
        config.labels = [
            ComposeLabels.project: project.name,
            ComposeLabels.role: ComposeLabels.supervisorRole,
            ComposeLabels.workingDir: project.workingDir,
            ComposeLabels.version: ComposeLabels.composeVersion,
            SupervisorLabels.configHash: hash,
        ]
        var env: [String] = []
        var host = HostConfig()
        host.networkMode = "host"
        host.restartPolicy = RestartPolicy(name: "always")
        // Kernel forwarding edits the nat table of the host's network namespace (its own chain only).
        if image.hasSuffix("-netfilter") { host.capAdd = ["NET_ADMIN"] }
        switch context.engine.host {
        case .unix(let path):
            host.binds = ["\(path):/var/run/docker.sock"]
            env.append("DOCKER_HOST=unix:///var/run/docker.sock")
        case .tcp:
            // Host networking: the same address reaches the daemon from inside.
            let e = ProcessInfo.processInfo.environment
            for key in ["DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_API_VERSION"] { if let v = e[key] { env.append("\(key)=\(v)") } }
            if let certs = e["DOCKER_CERT_PATH"] {
                host.binds = ["\(certs):/certs:ro"]
                env.append("DOCKER_CERT_PATH=/certs")
            }
        }
        for name in ["SWIFTCOMPOSE_LOG_LEVEL", "SWIFTCOMPOSE_LB_THREADS", "SWIFTCOMPOSE_KERNEL_FORWARDING"] {
            if let value = ProcessInfo.processInfo.environment[name] { env.append("\(name)=\(value)") }
        }
        // Fewer malloc arenas: the supervisor's threads allocate little, and each arena holds pages of its own.
        env.append("MALLOC_ARENA_MAX=2")
        config.env = env
        return ContainerCreateBody(config: config, hostConfig: host)
    }

    /// Reads the status file from the running supervisor container (for `ps`); nil when unavailable.
    static func status(engine: EngineClient, container: String) async -> SupervisionStatus? {
        guard let bytes = await file(engine: engine, container: container, path: SupervisorLabels.statusPath) else { return nil }
        return SupervisionStatus.decode(bytes)
    }

    /// One small file out of a container, through the archive API.
    static func file(engine: EngineClient, container: String, path: String) async -> [UInt8]? {
        guard let download = try? await engine.getArchive(container, path: path) else { return nil }
        var bytes: [UInt8] = []
        do {
            for try await chunk in download.bytes { bytes += chunk }
        } catch {
            return nil
        }
        // A one-file tar: 512-byte header, then the content (size in octal at offset 124).
        guard bytes.count > 512,
              let size = Int(String(decoding: bytes[124..<136].filter { (0x30...0x37).contains($0) }, as: UTF8.self), radix: 8),
              bytes.count >= 512 + size else { return nil }
        return Array(bytes[512..<(512 + size)])
    }
}

extension SupervisorContainer {
    func remove(_ container: ObservedContainer) async {
        let name = container.name
        context.printer.show(ProgressEvent(kind: "Container", name: name, phase: .working, status: "Removing"))
        try? await context.engine.stopContainer(container.id, timeout: 10)
        try? await context.engine.removeContainer(container.id, force: true)
        context.printer.show(ProgressEvent(kind: "Container", name: name, phase: .done, status: "Removed"))
    }
}
