public import EngineAPI
public import Planner
import ComposeModel

/// Runs a `Plan` against the engine: a node runs once its predecessors succeeded and its
/// `depends_on` conditions hold, at most `parallelism` at a time. It decides nothing: every choice is in the plan.
/// Steps that find the engine already in the wanted state (409 exists, 304 not modified, 404 on removal) count as done,
/// so re-running a plan after any failure converges.
public struct Executor: Sendable {
    public let engine: EngineClient
    public var parallelism: Int
    public var progress: @Sendable (ProgressEvent) -> Void
    /// First and longest pause between two polls of a dependency's state.
    public var pollInterval: (first: Duration, max: Duration) = (.milliseconds(100), .seconds(1))
    /// Carries out `drainContainer` (through the running supervisor); without one the step does nothing.
    public var drainer: (@Sendable (ContainerRef, Int) async -> Void)?

    public init(engine: EngineClient, parallelism: Int = 64, progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in }) {
        self.engine = engine
        self.parallelism = parallelism <= 0 ? Int.max : parallelism
        self.progress = progress
    }

    /// Runs the plan to the end; cancelling the calling task (Ctrl-C) lets running steps finish and starts no new ones.
    public func run(_ plan: Plan) async -> ExecutionResult {
        var result = ExecutionResult()
        let nodes = plan.nodes
        var pending = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, Set($0.dependsOn)) })
        var dependents: [Int: [Int]] = [:]
        for n in nodes { for d in n.dependsOn { dependents[d, default: []].append(n.id) } }
        var ready = nodes.filter { $0.dependsOn.isEmpty }.map(\.id)
        var running = 0

        func skipDependents(of id: Int) {
            var queue = dependents[id] ?? []
            while let next = queue.popLast() {
                if result.skipped.insert(next).inserted {
                    pending[next] = nil
                    queue += dependents[next] ?? []
                }
            }
        }

        await withTaskGroup(of: (Int, StepOutcome).self) { group in
            func launch() {
                while running < parallelism, !ready.isEmpty {
                    if Task.isCancelled {
                        result.interrupted = true
                        for id in ready { result.skipped.insert(id) }
                        ready.removeAll()
                        return
                    }
                    let id = ready.removeFirst()
                    pending[id] = nil
                    running += 1
                    let node = nodes[id]
                    group.addTask { (id, await self.step(node)) }
                }
            }
            launch()
            while let (id, outcome) = await group.next() {
                running -= 1
                switch outcome {
                case .done(let warnings):
                    result.completed.insert(id)
                    result.warnings += warnings
                    for d in dependents[id] ?? [] where !result.skipped.contains(d) {
                        pending[d]?.remove(id)
                        if pending[d]?.isEmpty == true { ready.append(d) }
                    }
                case .failed(let message):
                    let r = nodes[id].operation.resource
                    result.failures.append(.init(node: id, resource: "\(r.kind) \(r.name)", message: message))
                    skipDependents(of: id)
                case .cancelled:
                    result.interrupted = true
                    result.skipped.insert(id)
                    skipDependents(of: id)
                }
                ready.sort()
                launch()
            }
        }
        if Task.isCancelled { result.interrupted = true }
        // Whatever is left pending never became ready (interrupted, or behind a failure).
        for (id, _) in pending where !result.completed.contains(id) { result.skipped.insert(id) }
        return result
    }

    enum StepOutcome: Sendable {
        case done(warnings: [String])
        case failed(String)
        case cancelled
    }

    func step(_ node: PlanNode) async -> StepOutcome {
        let (kind, name) = node.operation.resource
        var warnings: [String] = []
        // depends_on conditions first.
        for wait in node.waits {
            switch await waitFor(wait) {
            case .success:
                break
            case .failure(let e) where e.isCancellation:
                return .cancelled
            case .failure(let e):
                if wait.required {
                    progress(ProgressEvent(kind: kind, name: name, phase: .failed, status: "Error", detail: e.message))
                    return .failed(e.message)
                }
                let text = "optional dependency \(wait.service) failed: \(e.message)"
                progress(ProgressEvent(kind: kind, name: name, phase: .warning, status: "Warning", detail: text))
                warnings.append(text)
            }
        }
        if Task.isCancelled { return .cancelled }
        let labels = node.operation.progressLabels
        if let working = labels.working {
            progress(ProgressEvent(kind: kind, name: name, phase: .working, status: working))
        }
        do {
            try await perform(node.operation)
        } catch let e as EngineError where Self.alreadyDone(node.operation, e) {
            // The engine is already as the step wants it.
        } catch let e as EngineError where Self.keptInUse(node.operation, e) {
            // As Docker Compose: an image a container still uses stays, and `down` goes on.
            progress(ProgressEvent(kind: kind, name: name, phase: .warning, status: "Resource is still in use"))
            return .done(warnings: warnings + ["\(kind) \(name): resource is still in use: \(e.message)"])
        } catch {
            let message = Self.describe(error, node.operation)
            progress(ProgressEvent(kind: kind, name: name, phase: .failed, status: "Error", detail: message))
            return .failed(message)
        }
        if let done = labels.done {
            progress(ProgressEvent(kind: kind, name: name, phase: .done, status: done))
        }
        return .done(warnings: warnings)
    }

    /// Exactly one API call per operation.
    func perform(_ op: Operation) async throws {
        switch op {
        case .createNetwork(let body):
            _ = try await engine.createNetwork(body)
        case .removeNetwork(let name):
            try await engine.removeNetwork(name)
        case .createVolume(let body):
            _ = try await engine.createVolume(body)
        case .removeVolume(let name):
            try await engine.removeVolume(name)
        case .pullImage(let ref, _):
            let stream = try await engine.createImage(fromImage: ref)
            for try await _ in stream {}
        case .removeImage(let name):
            try await engine.removeImage(name)
        case .createContainer(let c):
            _ = try await engine.createContainer(name: c.name, body: c.body)
        case .connectNetwork(let network, let container, let endpoint):
            try await engine.connectNetwork(network, container: container, endpointConfig: endpoint)
        case .startContainer(let c):
            try await engine.startContainer(c.reference)
        case .stopContainer(let c, let timeout, _):
            try await engine.stopContainer(c.reference, timeout: timeout)
        case .removeContainer(let c, let volumes, _):
            // Forced, as Docker Compose does: the plan stopped it just before, and if a restart policy or
            // a supervisor started it again meanwhile, it goes anyway.
            try await engine.removeContainer(c.reference, force: true, volumes: volumes)
        case .renameContainer(let c, let to):
            try await engine.renameContainer(c.reference, to: to)
        case .drainContainer(let c, let grace):
            await drainer?(c, grace)
        case .copyFile(let container, let f):
            try await engine.putArchive(container, path: "/",
                                        tar: TarArchive.single(path: f.path, content: f.content, mode: f.mode, uid: f.uid, gid: f.gid))
        case .runHook(let c, let hook, let event):
            try await runHook(hook, event, in: c)
        }
    }

    /// A step whose goal the engine already meets counts as done.
    static func alreadyDone(_ op: Operation, _ e: EngineError) -> Bool {
        switch op {
        case .createNetwork, .createVolume:
            return e.isConflict
        case .removeNetwork, .removeVolume, .removeImage:
            return e.isNotFound
        case .removeContainer:
            return e.isNotFound || e.isConflict && e.message.contains("already in progress")
        case .startContainer:
            return e.isNotModified
        case .stopContainer:
            return e.isNotModified || e.isNotFound
        case .connectNetwork:
            return e.isConflict || e.message.contains("already exists in network")
        case .pullImage, .createContainer, .renameContainer, .copyFile, .drainContainer, .runHook:
            return false
        }
    }

    /// A removal the engine refuses because something still uses the resource, which is not a failure.
    static func keptInUse(_ op: Operation, _ e: EngineError) -> Bool {
        if case .removeImage = op { return e.isConflict }
        return false
    }

    static func describe(_ error: any Error, _ op: Operation) -> String {
        let text = (error as? EngineError).map { e -> String in
            if e.isUnreachable { return e.description }
            return e.message
        } ?? "\(error)"
        switch op {
        case .pullImage(let ref, let service):
            return "service \(service): cannot pull image \(ref): \(text)"
        case .createContainer(let c) where (error as? EngineError)?.isNotFound == true:
            return "service \(c.service): \(text)"
        default:
            return text
        }
    }
}

extension Operation {
    /// Progress words before and after the call; nil = the step is not shown.
    var progressLabels: (working: String?, done: String?) {
        switch self {
        case .createNetwork, .createVolume: return ("Creating", "Created")
        case .removeNetwork, .removeVolume, .removeImage: return ("Removing", "Removed")
        case .pullImage: return ("Pulling", "Pulled")
        case .createContainer(let c): return c.replaces == nil ? ("Creating", "Created") : (nil, nil)
        case .connectNetwork: return (nil, nil)
        case .startContainer: return ("Starting", "Started")
        case .stopContainer(_, _, let replaced): return replaced ? ("Recreate", nil) : ("Stopping", "Stopped")
        case .removeContainer(_, _, let replaced): return replaced ? (nil, nil) : ("Removing", "Removed")
        case .renameContainer: return (nil, "Recreated")
        case .drainContainer: return ("Draining", nil)
        case .copyFile: return (nil, nil)
        case .runHook(_, _, let event): return ("Running \(event.rawValue) hook", nil)
        }
    }
}
