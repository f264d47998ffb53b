public import ComposeModel
/// The stable text form: one line per operation, in topological order. Golden tests compare it,
/// `--dry-run` prints it.
extension Plan {
    public var text: String {
        nodes.map { $0.text + "\n" }.joined()
    }

    /// Like `text`, with each node's id and the ids it depends on (`#3 [1,2] start-container ...`).
    public var graphText: String {
        nodes.map { "#\($0.id) [\($0.dependsOn.map(String.init).joined(separator: ","))] \($0.text)\n" }.joined()
    }
}

extension PlanNode {
    public var text: String {
        var line = operation.text
        if !waits.isEmpty {
            line += " after " + waits.map { w in
                "\(w.container) \(w.condition.word)" + (w.required ? "" : " (optional)")
            }.joined(separator: ", ")
        }
        return line
    }
}

extension Operation {
    public var text: String {
        switch self {
        case .createNetwork(let body): return "create-network \(body.name)"
        case .removeNetwork(let name): return "remove-network \(name)"
        case .createVolume(let body): return "create-volume \(body.name ?? "")"
        case .removeVolume(let name): return "remove-volume \(name)"
        case .pullImage(let ref, let service): return "pull-image \(ref) (service \(service))"
        case .removeImage(let name): return "remove-image \(name)"
        case .createContainer(let c):
            var s = "create-container \(c.name) (service \(c.service), hash \(c.configHash.prefix(12))"
            if let r = c.replaces { s += ", replaces \(r.name)" }
            return s + ")"
        case .connectNetwork(let network, let container, _): return "connect-network \(network) \(container)"
        case .startContainer(let c): return "start-container \(c.name)"
        case .stopContainer(let c, _, let replaced): return "stop-container \(c.name)" + (replaced ? " (replaced)" : "")
        case .removeContainer(let c, let volumes, let replaced):
            return "remove-container \(c.name)" + (replaced ? " (replaced)" : "") + (volumes ? " with volumes" : "")
        case .renameContainer(let c, let to): return "rename-container \(c.name) \(to)"
        case .drainContainer(let c, let grace): return "drain-container \(c.name) (grace \(grace)s)"
        case .copyFile(let container, let file): return "copy-file \(container) \(file.path)"
        case .runHook(let c, let hook, let event): return "run-hook \(event.rawValue) \(c.name): \(hook.command.joined(separator: " "))"
        }
    }

    /// What the progress display shows: kind ("Container", "Network", "Volume", "Image") and name.
    public var resource: (kind: String, name: String) {
        switch self {
        case .createNetwork(let body): return ("Network", body.name)
        case .removeNetwork(let name): return ("Network", name)
        case .createVolume(let body): return ("Volume", body.name ?? "")
        case .removeVolume(let name): return ("Volume", name)
        case .pullImage(let ref, _): return ("Image", ref)
        case .removeImage(let name): return ("Image", name)
        case .createContainer(let c): return ("Container", c.replaces?.name ?? c.name)
        case .connectNetwork(_, let container, _): return ("Container", container)
        case .startContainer(let c): return ("Container", c.name)
        case .stopContainer(let c, _, _): return ("Container", c.name)
        case .removeContainer(let c, _, _): return ("Container", c.name)
        case .renameContainer(_, let to): return ("Container", to)
        case .drainContainer(let c, _): return ("Container", c.name)
        case .copyFile(let container, _): return ("Container", container)
        case .runHook(let c, _, _): return ("Container", c.name)
        }
    }
}

extension ServiceDependency.Condition {
    /// "started", "healthy", "completed" in plan text and messages.
    public var word: String {
        switch self {
        case .serviceStarted: return "started"
        case .serviceHealthy: return "healthy"
        case .serviceCompletedSuccessfully: return "completed"
        }
    }
}
