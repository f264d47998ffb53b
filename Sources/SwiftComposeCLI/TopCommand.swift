public import ArgumentParser
import EngineAPI

/// `top`: the processes of the running containers, one table: SERVICE, #, then the `ps` columns, CMD last.
public struct TopCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "top", abstract: "Display the running processes")

    @OptionGroup public var global: GlobalOptions
    @Argument(help: "Services to show (default: all)")
    var services: [String] = []

    public init() {}

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            let containers = try await scope.containers(services: services, all: false)
            let engine = scope.engine
            var tops: [(ContainerSummary, ContainerTop)] = []
            do {
                tops = try await withThrowingTaskGroup(of: (ContainerSummary, ContainerTop).self) { group in
                    for c in containers { group.addTask { (c, try await engine.containerTop(c.id)) } }
                    var out: [(ContainerSummary, ContainerTop)] = []
                    for try await r in group { out.append(r) }
                    return out.sorted { $0.0.name < $1.0.name }
                }
            } catch {
                throw CommandFailure(LifecycleRunner.message(error))
            }
            StandardOutput.write(Self.render(tops.map { (service: $0.0.service, replica: String($0.0.number), top: $0.1) }))
        }
    }

    /// Columns in first-seen order with CMD moved last; a process lacking a column shows "-".
    static func render(_ entries: [(service: String, replica: String, top: ContainerTop)]) -> String {
        var header = ["SERVICE", "#"]
        var rows: [[String: String]] = []
        for e in entries {
            let titles = e.top.titles ?? []
            for t in titles where !header.contains(t) { header.append(t) }
            for p in e.top.processes ?? [] {
                var row = ["SERVICE": e.service, "#": e.replica]
                for (i, t) in titles.enumerated() where i < p.count { row[t] = p[i] }
                rows.append(row)
            }
        }
        guard !rows.isEmpty else { return "" }
        if let i = header.firstIndex(of: "CMD") { header.append(header.remove(at: i)) }
        return TableWriter.top.render([header] + rows.map { row in header.map { row[$0] ?? "-" } })
    }
}
