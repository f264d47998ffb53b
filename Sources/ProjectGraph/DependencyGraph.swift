public import ComposeModel

/// The service dependency DAG: `depends_on` plus the implicit edges Compose derives from `links`,
/// `volumes_from` and `network_mode`/`ipc`/`pid: service:x`.
///
/// Service order is the project's declaration order, so every query is deterministic.
public struct DependencyGraph: Sendable {
    /// Every service, in declaration order.
    public let services: [String]
    private let index: [String: Int]
    /// Edges by service index: `deps[i]` are the services `i` needs started first.
    private let deps: [[Int]]
    private let rdeps: [[Int]]

    /// The graph of the project's enabled services; edges to services not in it are ignored
    /// (`ProjectValidator` reports them).
    public init(_ project: Project) {
        var edges: [(String, [String])] = []
        for (name, service) in project.services {
            edges.append((name, Self.dependencies(of: service)))
        }
        self.init(edges: edges)
    }

    /// A graph from explicit edges: each service with the services it depends on.
    public init(edges: [(service: String, dependsOn: [String])]) {
        var index: [String: Int] = [:]
        var services: [String] = []
        for (name, _) in edges where index[name] == nil {
            index[name] = services.count
            services.append(name)
        }
        var deps = [[Int]](repeating: [], count: services.count)
        var rdeps = [[Int]](repeating: [], count: services.count)
        for (name, targets) in edges {
            guard let i = index[name] else { continue }
            for t in targets {
                guard let j = index[t], !deps[i].contains(j) else { continue }
                deps[i].append(j)
                rdeps[j].append(i)
            }
        }
        self.services = services
        self.index = index
        self.deps = deps
        self.rdeps = rdeps
    }

    /// Names a service depends on, explicit `depends_on` first, then implicit references.
    public static func dependencies(of service: Service) -> [String] {
        var out = Array(service.dependsOn.keys)
        func add(_ name: String) {
            if !name.isEmpty && !out.contains(name) { out.append(name) }
        }
        for link in service.links {
            add(String(link.split(separator: ":", maxSplits: 1).first ?? ""))
        }
        for from in service.volumesFrom where !from.hasPrefix("container:") {
            add(String(from.split(separator: ":", maxSplits: 1).first ?? ""))
        }
        for mode in [service.networkMode, service.ipc, service.pid] {
            if let mode, mode.hasPrefix("service:") { add(String(mode.dropFirst("service:".count))) }
        }
        return out
    }

    public func contains(_ service: String) -> Bool { index[service] != nil }

    /// Direct dependencies of a service.
    public func dependencies(of service: String) -> [String] {
        guard let i = index[service] else { return [] }
        return deps[i].map { services[$0] }
    }

    /// Services that directly depend on `service`.
    public func dependents(of service: String) -> [String] {
        guard let i = index[service] else { return [] }
        return rdeps[i].sorted().map { services[$0] }
    }

    /// The given services and everything they need, dependencies first.
    public func withDependencies(_ names: [String]) -> [String] {
        closure(names, edges: deps)
    }

    /// The given services and everything that needs them, in dependency order (dependencies first).
    public func withDependents(_ names: [String]) -> [String] {
        let set = Set(closure(names, edges: rdeps))
        return ((try? topologicalOrder()) ?? services).filter { set.contains($0) }
    }

    /// Every service, each after all of its dependencies; ties keep declaration order.
    public func topologicalOrder() throws(DependencyCycle) -> [String] {
        if let c = cycle() { throw DependencyCycle(path: c) }
        return closure(services, edges: deps)
    }

    /// Groups of services that can start together: each level only depends on earlier levels.
    public func levels() throws(DependencyCycle) -> [[String]] {
        let order = try topologicalOrder()
        var level = [Int](repeating: 0, count: services.count)
        var out: [[String]] = []
        for name in order {
            guard let i = index[name] else { continue }
            let l = deps[i].map { level[$0] + 1 }.max() ?? 0
            level[i] = l
            while out.count <= l { out.append([]) }
            out[l].append(name)
        }
        return out
    }

    /// The first dependency cycle found, as a closed path (`["a", "b", "a"]`), or nil for a DAG.
    public func cycle() -> [String]? {
        // 0 = unvisited, 1 = on the current path, 2 = done
        var state = [UInt8](repeating: 0, count: services.count)
        var path: [Int] = []
        for start in services.indices where state[start] == 0 {
            // Iterative DFS: (node, next edge to follow), safe for deep chains.
            var stack: [(Int, Int)] = [(start, 0)]
            state[start] = 1
            path.append(start)
            while let (node, next) = stack.last {
                if next < deps[node].count {
                    stack[stack.count - 1].1 += 1
                    let d = deps[node][next]
                    if state[d] == 1 {
                        let from = path.lastIndex(of: d) ?? 0
                        return (path[from...] + [d]).map { services[$0] }
                    }
                    if state[d] == 0 {
                        state[d] = 1
                        path.append(d)
                        stack.append((d, 0))
                    }
                } else {
                    state[node] = 2
                    path.removeLast()
                    stack.removeLast()
                }
            }
        }
        return nil
    }

    /// Post-order DFS from `roots` over `edges`: every node after the nodes it points to.
    private func closure(_ roots: [String], edges: [[Int]]) -> [String] {
        var visited = [Bool](repeating: false, count: services.count)
        var out: [String] = []
        for root in roots {
            guard let r = index[root], !visited[r] else { continue }
            visited[r] = true
            var stack: [(Int, Int)] = [(r, 0)]
            while let (node, next) = stack.last {
                if next < edges[node].count {
                    stack[stack.count - 1].1 += 1
                    let d = edges[node][next]
                    if !visited[d] {
                        visited[d] = true
                        stack.append((d, 0))
                    }
                } else {
                    out.append(services[node])
                    stack.removeLast()
                }
            }
        }
        return out
    }
}

/// A dependency cycle, reported as Compose does: `dependency cycle detected: a -> b -> a`.
public struct DependencyCycle: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: [String]
    public init(path: [String]) { self.path = path }
    public var description: String { "dependency cycle detected: " + path.joined(separator: " -> ") }
}
