import Foundation
public import ArgumentParser
import ComposeModel
import Planner

/// `create [SERVICE...]`: `up --no-start`: networks, volumes and containers, nothing started.
public struct CreateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Creates containers for a service")

    @OptionGroup public var global: GlobalOptions

    @OptionGroup var images: ImagePreparationOptions
    @Flag(name: .customLong("force-recreate"), help: "Recreate containers even if their configuration and image haven't changed")
    var forceRecreate = false
    @Flag(name: .customLong("no-build"), help: "Don't build an image, even if it's policy")
    var noBuild = false
    @Flag(name: .customLong("no-recreate"), help: "If containers already exist, don't recreate them. Incompatible with --force-recreate")
    var noRecreate = false
    @Option(name: .customLong("pull"), help: "Pull image before running (\"always\"|\"missing\"|\"never\")")
    var pull: String?
    @Flag(name: .customLong("quiet-pull"), help: "Pull without printing progress information")
    var quietPull = false
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file")
    var removeOrphans = false
    @Option(name: .customLong("scale"), help: "Scale SERVICE to NUM instances (SERVICE=NUM); overrides the `scale` setting in the Compose file")
    var scale: [String] = []
    @Flag(name: [.short, .customLong("yes")], help: "Assume \"yes\" as answer to all prompts and run non-interactively")
    var yes = false
    @Argument(help: "Services to create (default: all)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if forceRecreate && noRecreate {
            throw ValidationError("--force-recreate and --no-recreate are incompatible")
        }
        if images.build && noBuild { throw ValidationError("--build and --no-build are incompatible") }
        if let pull, !["always", "missing", "never"].contains(pull) {
            throw ValidationError("invalid --pull value \"\(pull)\": use always, missing or never")
        }
        _ = try parsedScale()
    }

    func parsedScale() throws -> [String: Int] {
        Dictionary(try ScaleCommand.parse(scale), uniquingKeysWith: { $1 })
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            var project = try CommandContext.loadProject(global, services: services)
            let scales = (try? parsedScale()) ?? [:]
            for name in scales.keys where project.services[name] == nil {
                throw CommandFailure("--scale \(name)=…: no such service: \(name)")
            }
            if let pull {
                for name in project.services.keys { project.services[name]?.pullPolicy = pull }
            }
            let context = try CommandContext(global: global)
            var options = UpOptions(services: services, recreate: forceRecreate ? .force : noRecreate ? .never : .diverged,
                                    noStart: true, removeOrphans: removeOrphans, scale: scales)
            var observed = try await context.observe(project)
            try await ImagePreparation(context: context).prepare(project: &project, observed: &observed, up: options,
                                                                 options: images, noBuild: noBuild, quietPull: quietPull)
            options.environmentFiles = UpCommand.environmentFiles(global, project: project)
            let plan: Plan
            do {
                plan = try Planner.plan(desired: project, observed: observed, options: options)
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
            context.printWarnings(plan.warnings)
            if global.dryRun {
                print(plan.text, terminator: "")
                return
            }
            try await context.execute(plan)
        }
    }
}
