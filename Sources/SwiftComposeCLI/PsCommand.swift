import Foundation
public import ArgumentParser
import EngineAPI
import Supervisor

/// `ps`: the project's containers as a table, JSON lines, a template, IDs or service names.
/// `--format json` prints one JSON object per line, as Docker Compose does since v2.21.
public struct PsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "ps", abstract: "List containers")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: [.short, .customLong("all")], help: "Show all stopped containers (including those created by the run command)")
    var all = false
    @Flag(name: [.short, .customLong("quiet")], help: "Only display IDs")
    var quiet = false
    @Flag(name: .customLong("services"), help: "Display services")
    var listServices = false
    @Option(name: .customLong("status"), help: "Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]")
    var status: [String] = []
    @Option(name: .customLong("filter"), help: "Filter services by a property (supported filters: status)")
    var filter: String?
    @Option(name: .customLong("format"), help: "Format output using a custom template: 'table' (default), 'table TEMPLATE', 'json', or a Go template like '{{.Name}}'")
    var format: String?
    @Flag(name: .customLong("no-trunc"), help: "Don't truncate output")
    var noTrunc = false
    @Flag(name: .customLong("orphans"), inversion: .prefixedNo, help: "Include orphaned services (not declared by project)")
    var orphans = true
    @Argument(help: "Services to list (default: all)")
    var services: [String] = []

    public init() {}

    static let states: Set<String> = ["paused", "restarting", "removing", "running", "dead", "created", "exited"]

    /// `--status` values plus a `--filter status=…`.
    func statuses() throws -> [String] {
        var out = status
        if let filter {
            let parts = filter.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("arguments to --filter should be in form KEY=VAL") }
            guard parts[0] == "status" else { throw ValidationError("unknown filter \(parts[0]): only status=… is supported") }
            out.append(parts[1])
        }
        for s in out where !Self.states.contains(s) {
            throw ValidationError("invalid status \"\(s)\": use one of " + Self.states.sorted().joined(separator: ", "))
        }
        return out
    }

    public func validate() throws {
        _ = try statuses()
        if let format, format != "json", format != "table", !format.isEmpty {
            do { _ = try FormatTemplate.parse(format) } catch { throw ValidationError(CommandContext.describe(error)) }
        }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let statuses = (try? statuses()) ?? []
            let scope = try LifecycleScope.resolve(global, services: services)
            var containers = try await scope.containers(services: services, all: all || !statuses.isEmpty, oneoff: all,
                                                        orphans: orphans || !services.isEmpty)
            if !statuses.isEmpty { containers = containers.filter { statuses.contains($0.state ?? "") } }
            // The supervisor's view: restart counts, backoff, given up.
            var supervision: SupervisionStatus?
            if let sup = containers.first(where: { $0.isSupervisor && $0.state == "running" }) {
                supervision = await SupervisorContainer.status(engine: scope.engine, container: sup.id)
            }
            StandardOutput.write(try Self.render(containers, quiet: quiet, services: listServices, format: format,
                                                 truncate: !noTrunc, supervision: supervision))
        }
    }

    /// The whole output for `containers` (sorted by name).
    static func render(_ containers: [ContainerSummary], quiet: Bool, services: Bool, format: String?, truncate: Bool,
                       supervision: SupervisionStatus? = nil, now: Date = Date()) throws(CommandFailure) -> String {
        if quiet { return containers.map { $0.id + "\n" }.joined() }
        if services {
            var names: [String] = []
            for c in containers where !c.isSupervisor && !names.contains(c.service) { names.append(c.service) }
            return names.joined(separator: "\n") + "\n"
        }
        let rows = containers.map { c in
            var row = ContainerRow(c, truncate: truncate, now: now, supervision: supervision?.containers[c.name], at: now)
            if c.isSupervisor, let supervision { row.appendStatus(Self.autoscaleNote(supervision)) }
            return row
        }
        switch format ?? "" {
        case "json":
            return rows.map { $0.json.text + "\n" }.joined()
        case "", "table":
            return try table(rows, FormatTemplate.parse(ContainerRow.defaultTable))
        case let source:
            let template = try FormatTemplate.parse(source)
            if template.isTable { return try table(rows, template) }
            var out = ""
            for r in rows { out += try template.render(fields: r.fields, labels: r.labels) + "\n" }
            return out
        }
    }

    /// The autoscaler's last decisions, shown on the supervisor's row.
    static func autoscaleNote(_ status: SupervisionStatus) -> String {
        let notes = status.services.sorted { $0.key < $1.key }.compactMap { name, s in
            s.autoscale.map { "\(name): \($0)" }
        }
        return notes.isEmpty ? "" : " [" + notes.joined(separator: "; ") + "]"
    }

    static func table(_ rows: [ContainerRow], _ template: FormatTemplate) throws(CommandFailure) -> String {
        var text = template.header(ContainerRow.titles) + "\n"
        for r in rows { text += try template.render(fields: r.fields, labels: r.labels) + "\n" }
        return TableWriter.containers.render(text: text)
    }
}
