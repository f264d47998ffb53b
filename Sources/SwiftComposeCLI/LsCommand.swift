import Foundation
public import ArgumentParser
import EngineAPI
import StateObserver

/// `ls`: Compose projects found from container labels, with a status summary (`running(3)`) and
/// their compose files (`com.docker.compose.project.config_files`).
public struct LsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "ls", abstract: "List running compose projects")

    @Flag(name: [.short, .customLong("all")], help: "Show all stopped Compose projects")
    var all = false
    @Flag(name: [.short, .customLong("quiet")], help: "Only display project names")
    var quiet = false
    @Option(name: .customLong("filter"), help: "Filter output based on conditions provided (name=…)")
    var filter: [String] = []
    @Option(name: .customLong("format"), help: "Format the output. Values: [table | json]")
    var format = "table"
    // Global flags are accepted (they may precede the subcommand) though ls needs no project.
    @OptionGroup public var global: GlobalOptions

    public init() {}

    struct Stack: Equatable {
        var name: String
        var status: String
        var configFiles: String
    }

    func nameFilters() throws -> [String] {
        try filter.map { f in
            let parts = f.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("bad format of filter (expected name=value): \(f)") }
            guard parts[0] == "name" else { throw ValidationError("invalid filter '\(parts[0])': only name=… is supported") }
            return parts[1]
        }
    }

    public func validate() throws {
        _ = try nameFilters()
        if !["table", "json"].contains(format.lowercased()) {
            throw ValidationError("invalid --format \"\(format)\": use table or json")
        }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let context = try CommandContext(global: global)
            let list: [ContainerSummary]
            do {
                list = try await context.engine.listContainers(all: all, filters: ["label": [ComposeLabels.project]])
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
            let names = (try? nameFilters()) ?? []
            let stacks = Self.stacks(list).filter { s in names.isEmpty || names.contains { Self.matches($0, s.name) } }
            StandardOutput.write(Self.render(stacks, quiet: quiet, json: format.lowercased() == "json"))
        }
    }

    /// Containers grouped by project label, projects sorted by name; states counted and sorted (`exited(1), running(2)`).
    static func stacks(_ containers: [ContainerSummary]) -> [Stack] {
        var byProject: [String: [ContainerSummary]] = [:]
        for c in containers where !c.project.isEmpty { byProject[c.project, default: []].append(c) }
        return byProject.keys.sorted().map { name in
            let members = byProject[name]!
            var counts: [String: Int] = [:]
            for c in members { counts[c.state ?? "", default: 0] += 1 }
            let status = counts.keys.sorted().map { "\($0)(\(counts[$0]!))" }.joined(separator: ", ")
            var files: [String] = []
            for c in members {
                for f in (c.labels?[ComposeLabels.configFiles] ?? "").split(separator: ",").map(String.init) where !files.contains(f) {
                    files.append(f)
                }
            }
            return Stack(name: name, status: status, configFiles: files.joined(separator: ","))
        }
    }

    /// Docker's filters match names as regular expressions.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        if let re = try? NSRegularExpression(pattern: pattern) {
            return re.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        }
        return name.contains(pattern)
    }

    static func render(_ stacks: [Stack], quiet: Bool, json: Bool) -> String {
        if quiet { return stacks.map { $0.name + "\n" }.joined() }
        if json {
            return JSONOutput.array(stacks.map {
                .object([("Name", .string($0.name)), ("Status", .string($0.status)), ("ConfigFiles", .string($0.configFiles))])
            }).text + "\n"
        }
        return TableWriter.pretty.render([["NAME", "STATUS", "CONFIG FILES"]] + stacks.map { [$0.name, $0.status, $0.configFiles] })
    }
}
