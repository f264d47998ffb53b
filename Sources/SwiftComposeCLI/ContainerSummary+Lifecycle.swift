import EngineAPI
import StateObserver

extension ContainerSummary {
    /// The name without the leading `/`.
    var name: String {
        let n = names?.first ?? id
        return n.hasPrefix("/") ? String(n.dropFirst()) : n
    }
    var service: String { labels?[ComposeLabels.service] ?? "" }
    var project: String { labels?[ComposeLabels.project] ?? "" }
    /// 0 when the label is missing.
    var number: Int { Int(labels?[ComposeLabels.containerNumber] ?? "") ?? 0 }
    var isOneoff: Bool { labels?[ComposeLabels.oneoff] == "True" }
    var isSupervisor: Bool { labels?[ComposeLabels.role] == ComposeLabels.supervisorRole }
    /// Running in the engine's sense: `docker ps` without `-a` lists it (paused and restarting included).
    var isUp: Bool { ["running", "paused", "restarting"].contains(state ?? "") }

    /// `web-1` for `demo-web-1`; a `container_name` stays as it is (Compose's log prefix and `images` name).
    var nameWithoutProject: String {
        let canonical = "\(project)-\(service)-\(number)"
        if name == canonical, !project.isEmpty { return String(name.dropFirst(project.count + 1)) }
        return name
    }

    /// `depends_on` recorded in the `com.docker.compose.depends_on` label (`db:service_healthy:false,…`),
    /// so dependency order is known without the compose file.
    var dependsOnLabel: [String] {
        guard let text = labels?[ComposeLabels.dependsOn], !text.isEmpty else { return [] }
        return text.split(separator: ",").compactMap { $0.split(separator: ":").first.map(String.init) }
    }

    /// Exit code from `Status` ("Exited (137) 2 seconds ago"); 0 otherwise.
    var exitCode: Int {
        guard state == "exited" || state == "dead", let s = status,
              let open = s.firstIndex(of: "("), let close = s.firstIndex(of: ")"), open < close else { return 0 }
        return Int(s[s.index(after: open)..<close]) ?? 0
    }

    /// "healthy", "unhealthy", "starting" or "" from `Status`.
    var health: String {
        let s = status ?? ""
        if s.contains("(healthy)") { return "healthy" }
        if s.contains("(unhealthy)") { return "unhealthy" }
        if s.contains("(health: starting)") { return "starting" }
        return ""
    }
}
