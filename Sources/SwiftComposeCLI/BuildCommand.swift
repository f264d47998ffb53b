public import ArgumentParser
import ComposeModel
import Planner
import ImageBuilder

/// `build`: build or rebuild the images of services that have a `build:` section.
public struct BuildCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "build", abstract: "Build or rebuild services")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: .customLong("no-cache"), help: "Do not use cache when building the image")
    var noCache = false
    @Flag(name: .customLong("pull"), help: "Always attempt to pull a newer version of the image")
    var pull = false
    @Option(name: .customLong("build-arg"), help: "Set build-time variables for services (KEY=VALUE, or KEY to take it from the environment)")
    var buildArgs: [String] = []
    @Flag(name: [.short, .customLong("quiet")], help: "Don't print anything to STDOUT")
    var quiet = false
    @Flag(name: .customLong("with-dependencies"), help: "Also build dependencies (transitively)")
    var withDependencies = false
    @Argument(help: "Services to build (default: all with a build section)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        for arg in buildArgs where arg.isEmpty || arg.hasPrefix("=") {
            throw ValidationError("invalid --build-arg \"\(arg)\": expected KEY=VALUE or KEY")
        }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let project = try CommandContext.loadProject(global)
            let selected = try ImagePreparation.services(project, named: services, includeDeps: withDependencies)
            let context = try CommandContext(global: global)
            let toBuild = selected.filter { $0.build != nil }
            if global.dryRun {
                for s in toBuild { print("DRY-RUN MODE -  build service \(s.name) (image \(project.imageName(s)))") }
                return
            }
            _ = try await ImagePreparation(context: context).build(
                toBuild, project: project,
                overrides: BuildRequest.Overrides(noCache: noCache, pull: pull, args: buildArgs), quiet: quiet)
        }
    }
}
