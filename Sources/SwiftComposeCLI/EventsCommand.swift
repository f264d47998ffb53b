import Foundation
public import ArgumentParser
import EngineAPI
import StateObserver

/// `events`: the engine's container events for the project's services, as text or JSON lines,
/// until Ctrl-C (or `--until`).
public struct EventsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "events", abstract: "Receive real time events from containers")

    @OptionGroup public var global: GlobalOptions
    @Flag(name: .customLong("json"), help: "Output events as a stream of json objects")
    var json = false
    @Option(name: .customLong("since"), help: "Show all events created since timestamp")
    var since: String?
    @Option(name: .customLong("until"), help: "Stream events until this timestamp")
    var until: String?
    @Argument(help: "Services to watch (default: all)")
    var services: [String] = []

    public init() {}

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            let engine = scope.engine
            let filters = ["type": ["container"], "label": [ComposeLabels.projectFilter(scope.name)]]
            let (services, json, since, until) = (Set(self.services), self.json, self.since, self.until)
            let project = scope.name
            let failure: String? = await InterruptExit.run {
                // The supervisor's decisions (restarts, repairs, scaling) come from its log, beside the engine's events.
                let supervisorLog = Task { await Self.followSupervisor(engine: engine, project: project, since: since, json: json) }
                defer { supervisorLog.cancel() }
                do {
                    for try await e in try await engine.events(since: since, until: until, filters: filters) {
                        if let line = Self.line(e, services: services, json: json) { StandardOutput.line(line) }
                    }
                    return nil
                } catch {
                    return Task.isCancelled ? nil : LifecycleRunner.message(error)
                }
            }
            if let failure { throw CommandFailure(failure) }
        }
    }

    /// One event as Compose prints it; nil for events it leaves out (one-off containers, other services).
    static func line(_ e: EngineEvent, services: Set<String>, json: Bool, zone: TimeZone = .current) -> String? {
        let attrs = e.actor?.attributes ?? [:]
        guard (e.type ?? "container") == "container", attrs[ComposeLabels.oneoff] != "True" else { return nil }
        // swiftcompose reading and writing the supervisor's status and scale files is not news.
        if attrs[ComposeLabels.role] == ComposeLabels.supervisorRole,
           ["archive-path", "extract-to-dir"].contains(e.action ?? "") { return nil }
        let service = attrs[ComposeLabels.service] ?? ""
        if !services.isEmpty && !services.contains(service) { return nil }
        var shown: [String: String] = [:]
        for (k, v) in attrs where !k.hasPrefix("com.docker.compose.") { shown[k] = v }
        let nanos = e.timeNano ?? (e.time ?? 0) * 1_000_000_000
        let id = e.actor?.id ?? ""
        let action = e.action ?? ""
        if json {
            return JSONOutput.object([
                ("action", .string(action)), ("attributes", .sorted(shown)), ("id", .string(id)),
                ("service", .string(service)), ("time", .string(rfc3339Nano(nanos, zone: zone))), ("type", .string("container")),
            ]).text
        }
        let attributes = shown.keys.sorted().map { "\($0)=\(shown[$0]!)" }.joined(separator: ", ")
        return "\(timestamp(nanos, zone: zone)) container \(action) \(id) (\(attributes))"
    }

    /// Prints the supervisor container's decisions as events: `<time> supervisor <level> <what and why>`.
    static func followSupervisor(engine: EngineClient, project: String, since: String?, json: Bool) async {
        let name = SupervisorContainer.name(project)
        let start = since ?? String(Int(Date().timeIntervalSince1970))
        guard let stream = try? await engine.containerLogs(name, follow: true, since: start) else { return }
        var pending: [UInt8] = []
        do {
            for try await chunk in stream {
                pending += chunk.bytes
                while let nl = pending.firstIndex(of: 10) {
                    let text = String(decoding: pending[..<nl], as: UTF8.self)
                    pending.removeSubrange(...nl)
                    if let line = supervisorLine(text, json: json) { StandardOutput.line(line) }
                }
            }
        } catch {}
    }

    /// One swift-log line of the supervisor (`2026-11-27T02:04:11+0000 info swiftcompose.supervisor: [Supervisor] web: ...`)
    /// as an event line; nil for lines that are not the supervisor's own decisions.
    static func supervisorLine(_ text: String, json: Bool) -> String? {
        guard let tag = text.range(of: "[Supervisor] ") else { return nil }
        let head = text[..<tag.lowerBound].split(separator: " ")
        guard head.count >= 2 else { return nil }
        let time = String(head[0]), level = String(head[1])
        let message = String(text[tag.upperBound...])
        if json {
            return JSONOutput.object([
                ("action", .string(level)), ("attributes", .sorted(["message": message])), ("id", .string("")),
                ("service", .string("")), ("time", .string(time)), ("type", .string("supervisor")),
            ]).text
        }
        return "\(time) supervisor \(level) \(message)"
    }

    /// "2006-01-02 15:04:05.000000".
    static func timestamp(_ nanos: Int64, zone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let seconds = nanos / 1_000_000_000
        let micros = (nanos % 1_000_000_000) / 1000
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))) + "." + String(format: "%06d", micros)
    }

    /// Go's RFC3339Nano as `time.Time` marshals to JSON: trailing zeros of the fraction dropped, "Z" for UTC.
    static func rfc3339Nano(_ nanos: Int64, zone: TimeZone) -> String {
        let seconds = nanos / 1_000_000_000
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        var fraction = String(format: "%09d", nanos % 1_000_000_000)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let offset = zone.secondsFromGMT(for: date)
        let suffix = offset == 0 ? "Z" : String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 3600, abs(offset) % 3600 / 60)
        return f.string(from: date) + (fraction.isEmpty ? "" : "." + fraction) + suffix
    }
}
