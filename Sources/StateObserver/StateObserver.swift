public import EngineAPI

/// Reads a project's state from the engine: one list call each for containers, networks and volumes
/// (filtered by the project label), plus one list per extra name asked for and one inspect per image.
public struct StateObserver: Sendable {
    public let engine: EngineClient

    public init(engine: EngineClient) {
        self.engine = engine
    }

    /// - Parameters:
    ///   - networkNames / volumeNames: engine names the project uses that may lack the project label
    ///     (`name:`, `external`, or made by something else).
    ///   - images: image references whose local IDs the planner needs.
    ///   - prefetched: the project's lists, sent earlier (`ProjectLists`); used when they are for
    ///     this project, else the lists are sent now.
    ///   - projectImages: also list the tagged images labelled with the project (`down --rmi`).
    public func observe(project: String, networkNames: Set<String> = [], volumeNames: Set<String> = [],
                        images: Set<String> = [], prefetched: ProjectLists? = nil,
                        projectImages: Bool = false) async throws -> ObservedProject {
        let lists = prefetched?.project == project ? prefetched! : ProjectLists(engine: engine, project: project)
        async let containers = lists.containers.value
        async let networks = lists.networks.value
        async let volumes = lists.volumes.value
        async let extraNetworks = networkNames.isEmpty ? [] : engine.listNetworks()
        async let extraVolumes = volumeNames.isEmpty ? [] : engine.listVolumes()
        async let imageIDs = imageIDs(images)
        async let built = projectImages
            ? engine.listImages(filters: ["label": [ComposeLabels.projectFilter(project)], "dangling": ["false"]]) : []

        var observed = ObservedProject(name: project)
        // One-off `run` containers are kept: `down` removes them; the planner ignores them.
        let all = try await containers.compactMap(Self.container)
        observed.containers = all.filter { !$0.isSupervisor }
        observed.supervisor = all.first { $0.isSupervisor }
        for n in try await networks + extraNetworks.filter({ networkNames.contains($0.name) }) {
            observed.networks[n.name] = ObservedNetwork(id: n.id, name: n.name, labels: n.labels ?? [:])
        }
        for v in try await volumes + extraVolumes.filter({ volumeNames.contains($0.name) }) {
            observed.volumes[v.name] = ObservedVolume(name: v.name, labels: v.labels ?? [:])
        }
        observed.images = try await imageIDs
        observed.projectImages = try await built.compactMap { i in
            guard let tags = i.repoTags?.filter({ $0 != "<none>:<none>" }), !tags.isEmpty else { return nil }
            return ObservedImage(id: i.id, tags: tags, service: i.labels?[ComposeLabels.service] ?? "")
        }
        return observed
    }

    func imageIDs(_ refs: Set<String>) async throws -> [String: String] {
        try await withThrowingTaskGroup(of: (String, String?).self) { group in
            for ref in refs {
                group.addTask {
                    do {
                        return (ref, try await engine.inspectImage(ref).id)
                    } catch let e as EngineError where e.isNotFound {
                        return (ref, nil)
                    }
                }
            }
            var out: [String: String] = [:]
            for try await (ref, id) in group { if let id { out[ref] = id } }
            return out
        }
    }

    /// A list entry → `ObservedContainer`; health and exit code come from the `Status` text
    /// ("Up 3 seconds (healthy)", "Exited (1) 2 minutes ago"), sparing an inspect per container.
    public static func container(_ c: ContainerSummary) -> ObservedContainer? {
        let name = (c.names?.first.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }) ?? c.id
        let state = ObservedContainer.State(rawValue: c.state ?? "") ?? .dead
        let status = c.status ?? ""
        var health: ObservedContainer.Health?
        if status.contains("(healthy)") { health = .healthy }
        else if status.contains("(unhealthy)") { health = .unhealthy }
        else if status.contains("(health: starting)") { health = .starting }
        var exitCode: Int?
        if state == .exited, let open = status.firstIndex(of: "("), let close = status.firstIndex(of: ")"), open < close {
            exitCode = Int(status[status.index(after: open)..<close])
        }
        let mounts = (c.mounts ?? []).map {
            ObservedMount(type: $0.type ?? "", name: $0.name ?? "", source: $0.source ?? "", destination: $0.destination ?? "")
        }
        let networks = (c.networkSettings?.networks?.keys).map { Array($0).sorted() } ?? []
        var observed = ObservedContainer(id: c.id, name: name, labels: c.labels ?? [:], state: state, exitCode: exitCode,
                                         health: health, imageID: c.imageID ?? "", networks: networks, mounts: mounts)
        observed.ports = (c.ports ?? []).map {
            ObservedPort(ip: $0.ip ?? "", privatePort: $0.privatePort, publicPort: $0.publicPort, proto: $0.type)
        }
        return observed
    }
}

/// A project's three label-filtered list calls, sent as soon as its name is known: a command that
/// knows it from `-p` or `COMPOSE_PROJECT_NAME` sends them while the Compose file loads, which takes
/// longer than they do. Each result is for one observation: a later one lists again.
public struct ProjectLists: Sendable {
    public let project: String
    let containers: Task<[ContainerSummary], any Error>
    let networks: Task<[Network], any Error>
    let volumes: Task<[Volume], any Error>

    public init(engine: EngineClient, project: String) {
        self.project = project
        let filter = ["label": [ComposeLabels.projectFilter(project)]]
        containers = Task { try await engine.listContainers(all: true, filters: filter) }
        networks = Task { try await engine.listNetworks(filters: filter) }
        volumes = Task { try await engine.listVolumes(filters: filter) }
    }
}
