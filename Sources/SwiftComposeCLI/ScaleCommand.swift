public import ArgumentParser
import ComposeModel
import Planner

/// `scale SERVICE=NUM...`: sets the number of containers of services through the reconciler —
/// the project with the replica counts overridden, planned like `up`, executed.
public struct ScaleCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "scale", abstract: "Scale services")

    @OptionGroup public var global: GlobalOptions
    @Flag(name: .customLong("no-deps"), help: "Don't start linked services")
    var noDeps = false
    @Argument(help: "SERVICE=REPLICAS pairs")
    var pairs: [String] = []

    public init() {}

    /// `web=3 db=1` → ["web": 3, "db": 1], in command-line order (also `up --scale`, `create --scale`).
    static func parse(_ pairs: [String]) throws -> [(String, Int)] {
        try pairs.map { entry in
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let n = Int(parts[1]), n >= 0 else {
                throw ValidationError("invalid scale specifier: \(entry) (expected SERVICE=REPLICAS, e.g. web=3)")
            }
            return (parts[0], n)
        }
    }

    public func validate() throws {
        if pairs.isEmpty { throw ValidationError("scale requires at least 1 argument: SERVICE=REPLICAS...") }
        _ = try Self.parse(pairs)
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let wanted = (try? Self.parse(pairs)) ?? []
            let project = try CommandContext.loadProject(global)
            for (name, _) in wanted where project.services[name] == nil {
                throw CommandFailure("no such service: \(name)")
            }
            var scale: [String: Int] = [:]
            for (name, n) in wanted { scale[name] = n }
            let options = UpOptions(services: wanted.map(\.0), noDeps: noDeps, scale: scale)
            let context = try CommandContext(global: global)
            let observed = try await context.observe(project)
            let plan: Plan
            do {
                plan = try Planner.plan(desired: project, observed: observed, options: options)
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
            context.printWarnings(plan.warnings)
            if global.dryRun {
                StandardOutput.write(plan.text)
                return
            }
            try await context.execute(plan)
        }
    }
}
