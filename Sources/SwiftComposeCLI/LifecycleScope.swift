import Foundation
import ComposeModel
import EngineAPI
import StateObserver
import ProjectGraph

/// What a lifecycle command acts on: the loaded project, or with `-p NAME` (or COMPOSE_PROJECT_NAME)
/// and no compose file around, only the name, as Docker Compose allows for `ps`, `logs`, `stop`, `rm`….
/// Containers are always found by the project label, in one list call.
struct LifecycleScope {
    let name: String
    /// nil when working from the name alone.
    let project: Project?
    let context: CommandContext

    /// Loads the project (or settles for its name) and checks the services named on the command line.
    static func resolve(_ global: GlobalOptions, services: [String] = [], needsProject: Bool = false) throws(CommandFailure) -> LifecycleScope {
        if !needsProject, let name = nameWithoutFile(global) {
            return LifecycleScope(name: name, project: nil, context: try CommandContext(global: global))
        }
        let loaded = try CommandContext.loadProject(global)
        for s in services where loaded.services[s] == nil && loaded.disabledServices[s] == nil {
            throw CommandFailure("no such service: \(s)")
        }
        let context = try CommandContext(global: global)
        return LifecycleScope(name: loaded.name, project: loaded, context: context)
    }

    /// `-p NAME` (else COMPOSE_PROJECT_NAME) when no `-f`, no COMPOSE_FILE and no compose file in the
    /// directory or its parents (where the loader would find one).
    static func nameWithoutFile(_ global: GlobalOptions) -> String? {
        let env = ProcessInfo.processInfo.environment
        guard global.file.isEmpty, env["COMPOSE_FILE"] == nil else { return nil }
        guard let name = global.projectName ?? env["COMPOSE_PROJECT_NAME"], !name.isEmpty else { return nil }
        let candidates = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]
        var dir = URL(fileURLWithPath: global.projectDirectory ?? FileManager.default.currentDirectoryPath).standardizedFileURL
        while true {
            if candidates.contains(where: { FileManager.default.fileExists(atPath: dir.appendingPathComponent($0).path) }) { return nil }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return name.lowercased()
    }

    var engine: EngineClient { context.engine }

    /// The project's containers, one list call. `all`: stopped ones too; `oneoff`: `run` containers too;
    /// `services`: only those (empty = all); `orphans`: containers of services the project does not declare.
    func containers(services: [String] = [], all: Bool = true, oneoff: Bool = false, orphans: Bool = true) async throws(CommandFailure) -> [ContainerSummary] {
        let list: [ContainerSummary]
        do {
            list = try await engine.listContainers(all: all, filters: ["label": [ComposeLabels.projectFilter(name)]])
        } catch {
            throw CommandFailure(CommandContext.describe(error))
        }
        let wanted = Set(services)
        let known = project.map { Set($0.services.keys).union($0.disabledServices.keys) }
        return list.filter { c in
            (oneoff || !c.isOneoff)
                && (wanted.isEmpty || wanted.contains(c.service))
                && (orphans || known == nil || known!.contains(c.service))
        }.sorted { $0.name < $1.name }
    }

    /// Services in start order, grouped in levels whose members do not depend on each other.
    /// From the project when loaded, else from the `depends_on` labels of the containers.
    func startLevels(_ containers: [ContainerSummary]) -> [[String]] {
        let present = Set(containers.map(\.service))
        var edges: [(service: String, dependsOn: [String])] = []
        if let project {
            for (name, s) in project.services { edges.append((name, DependencyGraph.dependencies(of: s))) }
        }
        var seen = Set(edges.map(\.service))
        for c in containers where seen.insert(c.service).inserted {
            edges.append((c.service, c.dependsOnLabel))
        }
        let levels = (try? DependencyGraph(edges: edges).levels()) ?? [edges.map(\.service)]
        return levels.map { $0.filter(present.contains) }.filter { !$0.isEmpty }
    }

    /// `containers` grouped by `startLevels`; `reverse` for stopping (dependents first).
    func batches(_ containers: [ContainerSummary], reverse: Bool = false) -> [[ContainerSummary]] {
        let levels = startLevels(containers)
        let grouped = levels.map { level in containers.filter { level.contains($0.service) } }
        return reverse ? grouped.reversed() : grouped
    }

    /// `-t` else the service's `stop_grace_period` (whole seconds) else the engine's default.
    func stopTimeout(_ override: Int?, service: String) -> Int? {
        if let override { return override }
        guard let d = project?.services[service]?.stopGracePeriod else { return nil }
        return Int(d.nanoseconds / 1_000_000_000)
    }
}
