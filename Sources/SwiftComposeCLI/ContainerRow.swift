import Foundation
import EngineAPI
import Supervisor

/// One container as `ps` shows it: the fields of Compose's container formatter, by name, for tables,
/// templates and `--format json` (whose keys come out sorted, as Go's map-based marshalling sorts them).
struct ContainerRow {
    var fields: [(String, JSONOutput)]
    var labels: [String: String]

    static let titles: [String: String] = [
        "ID": "CONTAINER ID", "Name": "NAME", "Project": "PROJECT", "Service": "SERVICE", "Image": "IMAGE",
        "Command": "COMMAND", "CreatedAt": "CREATED AT", "RunningFor": "CREATED", "Ports": "PORTS",
        "State": "STATE", "Status": "STATUS", "Size": "SIZE", "Labels": "LABELS", "Mounts": "MOUNTS",
        "LocalVolumes": "LOCAL VOLUMES", "Networks": "NETWORKS", "Health": "HEALTH", "ExitCode": "EXIT CODE",
        "Publishers": "PUBLISHERS", "Names": "NAMES",
    ]

    static let defaultTable = "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}"

    init(_ c: ContainerSummary, truncate: Bool, now: Date = Date(), supervision: SupervisionStatus.Slot? = nil, at: Date = Date()) {
        let labels = c.labels ?? [:]
        self.labels = labels
        let command = truncate ? DisplayText.ellipsis(c.command ?? "", 20) : (c.command ?? "")
        let publishers = (c.ports ?? []).map {
            DisplayText.Port(ip: $0.ip ?? "", privatePort: $0.privatePort, publicPort: $0.publicPort ?? 0, type: $0.type)
        }.sorted { ($0.ip, $0.privatePort, $0.publicPort, $0.type) < ($1.ip, $1.privatePort, $1.publicPort, $1.type) }
        let mounts = (c.mounts ?? []).map { m -> String in
            let name = (m.name?.isEmpty == false ? m.name : m.source) ?? ""
            return truncate ? DisplayText.ellipsis(name, 15) : name
        }
        let names = (c.names ?? []).map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }
        var size = DisplayText.humanSize(c.sizeRw ?? 0)
        if let root = c.sizeRootFs, root > 0 { size += " (virtual \(DisplayText.humanSize(root)))" }
        fields = [
            ("Command", .string(DisplayText.goQuote(command))),
            ("CreatedAt", .string(DisplayText.goTime(c.created ?? 0))),
            ("ExitCode", .int(c.exitCode)),
            ("Health", .string(c.health)),
            ("ID", .string(truncate ? DisplayText.shortID(c.id) : c.id)),
            ("Image", .string(c.image ?? "")),
            ("Labels", .string(labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: ","))),
            ("LocalVolumes", .string(String((c.mounts ?? []).filter { $0.driver == "local" }.count))),
            ("Mounts", .string(mounts.joined(separator: ","))),
            ("Name", .string(c.name)),
            ("Names", .string(names.joined(separator: ","))),
            ("Networks", .string((c.networkSettings?.networks?.keys).map { $0.sorted().joined(separator: ",") } ?? "")),
            ("Ports", .string(DisplayText.ports(publishers))),
            ("Project", .string(c.project)),
            ("Publishers", .array(publishers.map {
                .object([("URL", .string($0.ip)), ("TargetPort", .int($0.privatePort)),
                         ("PublishedPort", .int($0.publicPort)), ("Protocol", .string($0.type))])
            })),
            ("RunningFor", .string(DisplayText.ago(c.created ?? 0, now: now))),
            ("Service", .string(c.service)),
            ("Size", .string(size)),
            ("State", .string(c.state ?? "")),
            ("Status", .string((c.status ?? "") + Self.supervisionNote(supervision, id: c.id, now: now))),
        ]
    }

    var json: JSONOutput { .object(fields) }
}

extension ContainerRow {
    mutating func appendStatus(_ text: String) {
        guard !text.isEmpty, let i = fields.firstIndex(where: { $0.0 == "Status" }),
              case .string(let status) = fields[i].1 else { return }
        fields[i].1 = .string(status + text)
    }

    /// What the supervisor adds to STATUS: restarts it made, a pending restart, or that it gave up.
    static func supervisionNote(_ slot: SupervisionStatus.Slot?, id: String, now: Date) -> String {
        guard let slot, slot.id == nil || slot.id == id else { return "" }
        var parts: [String] = []
        if slot.restarts > 0 { parts.append("restarts: \(slot.restarts)") }
        switch slot.state {
        case "backoff":
            let wait = max(0, (slot.nextRestart ?? now.timeIntervalSince1970) - now.timeIntervalSince1970)
            parts.append("backoff: restart in \(String(format: "%.1f", wait))s")
        case "gave-up":
            parts.append("supervisor gave up: \(slot.reason ?? "too many restarts")")
        default:
            break
        }
        return parts.isEmpty ? "" : " [" + parts.joined(separator: ", ") + "]"
    }
}
