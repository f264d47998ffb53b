import Foundation
public import ArgumentParser
import EngineAPI

/// `stats [SERVICE...]`: live resource usage of the project's containers, computed as the docker CLI
/// does (see `StatsCalculator`). `--no-stream` prints one sample; `--format json` one object a line.
public struct StatsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Display a live stream of container(s) resource usage statistics")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: [.short, .customLong("all")], help: "Show all containers (default shows just running)")
    var all = false
    @Option(name: .customLong("format"), help: "Format output using a custom template: 'table' (default) or 'json'")
    var format: String = "table"
    @Flag(name: .customLong("no-stream"), help: "Disable streaming stats and only pull the first result")
    var noStream = false
    @Flag(name: .customLong("no-trunc"), help: "Do not truncate output")
    var noTrunc = false
    @Argument(help: "Services (default: all)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if format != "table" && format != "json" {
            throw ValidationError("invalid --format \"\(format)\": use table or json (Go templates are not supported)")
        }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let name = try ServiceContainers.projectName(global, services: services)
            let context = try CommandContext(global: global)
            let containers = try await ServiceContainers(engine: context.engine, project: name)
                .list(services: services, all: all)
            let rows = StatsRows(containers: containers.map { (id: $0.id, name: ServiceContainers.name($0)) })
            do {
                if noStream {
                    try await sampleOnce(engine: context.engine, rows: rows)
                    print(Self.render(rows, format: format, truncate: !noTrunc), terminator: "")
                } else {
                    try await stream(engine: context.engine, rows: rows)
                }
            } catch let e as CommandFailure {
                throw e
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
        }
    }

    func sampleOnce(engine: EngineClient, rows: StatsRows) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for c in rows.containers {
                group.addTask {
                    for try await sample in try await engine.containerStats(c.id, stream: false, as: StatsSample.self) {
                        rows.update(c.id, StatsCalculator(sample))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// One stream per container; the table is redrawn every second until Ctrl-C.
    func stream(engine: EngineClient, rows: StatsRows) async throws {
        let isTTY = Terminal.isTerminal(STDOUT_FILENO)
        let format = self.format
        let truncate = !noTrunc
        try await withThrowingTaskGroup(of: Void.self) { group in
            for c in rows.containers {
                group.addTask {
                    do {
                        for try await sample in try await engine.containerStats(c.id, stream: true, as: StatsSample.self) {
                            rows.update(c.id, StatsCalculator(sample))
                        }
                    } catch let e as EngineError where e.isNotFound {
                        rows.remove(c.id)  // Removed meanwhile: drop its row.
                    }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(1))
                    let text = Self.render(rows, format: format, truncate: truncate)
                    Output.write((isTTY && format == "table" ? "\u{1B}[2J\u{1B}[H" : "") + text)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    static func render(_ rows: StatsRows, format: String, truncate: Bool) -> String {
        let snapshot = rows.snapshot()
        if format == "json" {
            return snapshot.map { jsonLine(id: $0.id, name: $0.name, $0.figures, truncate: truncate) + "\n" }.joined()
        }
        return table(snapshot.map { (id: $0.id, name: $0.name, figures: $0.figures) }, truncate: truncate)
    }

    static func table(_ rows: [(id: String, name: String, figures: StatsCalculator?)], truncate: Bool) -> String {
        var lines = [["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"]]
        for r in rows {
            let id = truncate ? String(r.id.prefix(12)) : r.id
            if let f = r.figures {
                lines.append([id, r.name, f.cpuText, f.memoryText, f.memoryPercentText, f.networkText, f.blockText, String(f.pids)])
            } else {
                lines.append([id, r.name, "--", "-- / --", "--", "--", "--", "--"])
            }
        }
        var widths = [Int](repeating: 0, count: lines[0].count)
        for l in lines { for (i, cell) in l.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return lines.map { l in
            l.enumerated().map { i, cell in
                i == l.count - 1 ? cell : cell.padding(toLength: widths[i] + 3, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }

    /// The docker CLI's `--format json` fields.
    static func jsonLine(id: String, name: String, _ f: StatsCalculator?, truncate: Bool) -> String {
        let shortID = truncate ? String(id.prefix(12)) : id
        // In the docker CLI's (byte-wise alphabetical) key order.
        let fields: [(String, String)] = [
            ("BlockIO", f?.blockText ?? "--"),
            ("CPUPerc", f?.cpuText ?? "--"),
            ("Container", shortID),
            ("ID", shortID),
            ("MemPerc", f?.memoryPercentText ?? "--"),
            ("MemUsage", f?.memoryText ?? "--"),
            ("Name", name),
            ("NetIO", f?.networkText ?? "--"),
            ("PIDs", f.map { String($0.pids) } ?? "--"),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        func quoted(_ text: String) -> String {
            (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
        return "{" + fields.map { "\(quoted($0.0)):\(quoted($0.1))" }.joined(separator: ",") + "}"
    }
}

/// The latest figures per container, shared by the stream readers and the printer.
final class StatsRows: @unchecked Sendable {
    let containers: [(id: String, name: String)]
    private let lock = NSLock()
    private var figures: [String: StatsCalculator] = [:]
    private var removed: Set<String> = []

    init(containers: [(id: String, name: String)]) { self.containers = containers }

    func update(_ id: String, _ f: StatsCalculator) {
        lock.lock(); defer { lock.unlock() }
        figures[id] = f
    }

    func remove(_ id: String) {
        lock.lock(); defer { lock.unlock() }
        removed.insert(id)
    }

    func snapshot() -> [(id: String, name: String, figures: StatsCalculator?)] {
        lock.lock(); defer { lock.unlock() }
        return containers.filter { !removed.contains($0.id) }.map { ($0.id, $0.name, figures[$0.id]) }
    }
}
