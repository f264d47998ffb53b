import ComposeModel
import OrderedCollections
import ProjectGraph
import YAML

/// Checks what the schema cannot: references between services and resources, dependency
/// cycles, `container_name` with replicas, duplicate mount targets. Positions come from the
/// merged YAML tree the project was decoded from.
struct ProjectValidator {
    let root: YAMLNode?

    func validate(_ project: Project) throws(ComposeError) {
        var all = project.services
        for (k, v) in project.disabledServices where all.index(forKey: k) == nil { all[k] = v }
        // Each service on its own, on every core for a big project; the first error in order is thrown.
        try Parallel.forEach(Array(all.values.indices)) { (i: Int) throws(ComposeError) in
            try checkReferences(all.keys[i], all.values[i], project: project, all: all)
        }
        let graph = DependencyGraph(Project(name: project.name, services: all))
        if let cycle = graph.cycle() {
            throw ComposeError.cycle(DependencyCycle(path: cycle).description, at: nil, path: nil)
        }
    }

    private func fail(_ message: String, _ path: [String], hint: String? = nil) -> ComposeError {
        ComposeError.validation(message, at: ProjectLoader.mark(at: path, in: root),
                                path: path.prefix(2).joined(separator: "."), hint: hint)
    }

    private func checkReferences(_ name: String, _ service: Service, project: Project,
                                 all: OrderedDictionary<String, Service>) throws(ComposeError) {
        let base = ["services", name]
        if service.image == nil && service.build == nil && service.provider == nil {
            throw fail("service \"\(name)\" has neither an image nor a build context specified", base,
                       hint: "add 'image:' or 'build:'")
        }
        // Paths are built only for a message: one array per reference was most of this check.
        func needService(_ other: String, _ path: @autoclosure () -> [String], _ what: String) throws(ComposeError) {
            if all.index(forKey: other) == nil {  // not `all[other]`, a copy of the whole service
                throw fail("service \"\(name)\" depends on undefined service \"\(other)\"", path(),
                           hint: "define service \"\(other)\" or remove it from '\(what)'")
            }
        }
        for (i, link) in service.links.enumerated() {
            let target = String(link.split(separator: ":", maxSplits: 1).first ?? "")
            try needService(target, base + ["links", "\(i)"], "links")
        }
        for (i, from) in service.volumesFrom.enumerated() where !from.hasPrefix("container:") {
            let target = String(from.split(separator: ":", maxSplits: 1).first ?? "")
            try needService(target, base + ["volumes_from", "\(i)"], "volumes_from")
        }
        for (key, mode) in [("network_mode", service.networkMode), ("ipc", service.ipc), ("pid", service.pid)] {
            if let mode, mode.hasPrefix("service:") {
                try needService(String(mode.dropFirst("service:".count)), base + [key], key)
            }
        }
        for dep in service.dependsOn.keys {
            try needService(dep, base + ["depends_on", dep], "depends_on")
        }
        for network in service.networks.keys where project.networks.index(forKey: network) == nil && network != "default" {
            throw fail("service \"\(name)\" refers to undefined network \"\(network)\"", base + ["networks", network],
                       hint: "declare it under the top-level 'networks:'")
        }
        var targets: [String: Int] = [:]
        for (i, v) in service.volumes.enumerated() {
            if v.type == .volume, let source = v.source, !source.isEmpty, project.volumes.index(forKey: source) == nil {
                throw fail("service \"\(name)\" refers to undefined volume \"\(source)\"", base + ["volumes", "\(i)"],
                           hint: "declare it under the top-level 'volumes:', or write ./\(source) for a bind mount")
            }
            if let first = targets[v.target] {
                throw fail("duplicate mount target \"\(v.target)\" (also used by volumes[\(first)])", base + ["volumes", "\(i)"],
                           hint: "each volume of a service must mount at its own path")
            }
            targets[v.target] = i
        }
        for (i, s) in service.secrets.enumerated() where project.secrets.index(forKey: s.source) == nil {
            throw fail("service \"\(name)\" refers to undefined secret \"\(s.source)\"", base + ["secrets", "\(i)"],
                       hint: "declare it under the top-level 'secrets:'")
        }
        for (i, c) in service.configs.enumerated() where project.configs.index(forKey: c.source) == nil {
            throw fail("service \"\(name)\" refers to undefined config \"\(c.source)\"", base + ["configs", "\(i)"],
                       hint: "declare it under the top-level 'configs:'")
        }
        if let container = service.containerName, service.replicas > 1 {
            throw fail("container_name \"\(container)\" cannot be used with \(service.replicas) replicas, as container names must be unique",
                       base + ["container_name"], hint: "remove container_name, or run a single replica")
        }
    }
}
