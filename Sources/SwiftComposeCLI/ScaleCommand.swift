public import ArgumentParser
import ComposeModel
import Planner
import StateObserver
import EngineAPI

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
            var options = UpOptions(services: wanted.map(\.0), noDeps: noDeps, scale: scale)
            let context = try CommandContext(global: global)
            let observed = try await context.observe(project)
            if let supervisor = observed.supervisor, supervisor.isRunning, !global.dryRun {
                // The supervisor scales: up like a repair, down through its load balancer's drain.
                try await Self.scaleThroughSupervisor(scale, supervisor: supervisor.id, project: project, context: context)
                return
            }
            options.balanced = SupervisorContainer.needed(project, scale: scale) && observed.supervisor != nil
                ? Planner.balancedServices(project, scale: scale) : []
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

    static func scaleThroughSupervisor(_ scale: [String: Int], supervisor: String, project: Project,
                                       context: CommandContext) async throws(CommandFailure) {
        do {
            try await SupervisorContainer(context: context).writeScale(scale, container: supervisor, merge: true)
        } catch {
            throw CommandFailure("supervisor: \(CommandContext.describe(error))")
        }
        // Wait until the counts are reached (bounded), as `scale` returns once done.
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        var last: [String: Int] = [:]
        while ContinuousClock.now < deadline {
            for (service, _) in scale {
                let list = (try? await context.engine.listContainers(filters: ["label": [
                    ComposeLabels.projectFilter(project.name), "\(ComposeLabels.service)=\(service)",
                ]])) ?? []
                last[service] = list.filter { !$0.isOneoff }.count
            }
            if scale.allSatisfy({ last[$0.key] == $0.value }) {
                for (service, n) in scale.sorted(by: { $0.key < $1.key }) {
                    context.printer.note("Service \(service)  Scaled to \(n) by the supervisor")
                }
                return
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        throw CommandFailure("the supervisor did not reach " + scale.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
                             + " within 120 s (now " + last.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
                             + "); see `docker logs \(SupervisorContainer.name(project.name))`")
    }
}
