public import ArgumentParser
import ComposeModel
import Planner
import ImageBuilder

/// `pull`: pull the images of services that name one.
public struct PullCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "pull", abstract: "Pull service images")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: [.short, .customLong("quiet")], help: "Pull without printing progress information")
    var quiet = false
    @Flag(name: .customLong("ignore-pull-failures"), help: "Pull what it can and ignores images with pull failures")
    var ignorePullFailures = false
    @Flag(name: .customLong("include-deps"), help: "Also pull services declared as dependencies")
    var includeDeps = false
    @Flag(name: .customLong("ignore-buildable"), help: "Ignore images that can be built")
    var ignoreBuildable = false
    @Option(name: .customLong("policy"), help: "Apply pull policy (\"missing\"|\"always\")")
    var policy: String?
    @Argument(help: "Services to pull (default: all)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if let policy, policy != "missing" && policy != "always" {
            throw ValidationError("invalid --policy value \"\(policy)\": use \"missing\" or \"always\"")
        }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let project = try CommandContext.loadProject(global)
            let selected = try ImagePreparation.services(project, named: services, includeDeps: includeDeps)
            let context = try CommandContext(global: global)
            let observed = try await context.observe(project)
            var toPull: [Service] = []
            for s in selected {
                // A service without image: can only be built; never/build policies are not pulled either.
                guard s.image != nil else { continue }
                let p = PullPolicy(policy ?? s.pullPolicy)
                if p == .never || p == .build { continue }
                if (policy == "missing" || p == .missing) && observed.images[project.imageName(s)] != nil { continue }
                if ignoreBuildable && s.build != nil { continue }
                toPull.append(s)
            }
            if global.dryRun {
                for s in toPull { print("DRY-RUN MODE -  pull \(project.imageName(s)) for service \(s.name)") }
                return
            }
            let failures = await ImagePreparation(context: context).pull(toPull, project: project, quiet: quiet)
            var errors: [String] = []
            var mustBuild: [String] = []
            var seen = Set<String>()
            for s in toPull {
                let ref = project.imageName(s)
                guard seen.insert(ref).inserted, let message = failures[ref] else { continue }
                if s.build != nil {
                    // Compose lets a buildable service fail to pull: it will be built.
                    mustBuild.append(s.name)
                    context.printer.note("WARN[0000] \(message)")
                } else if ignorePullFailures {
                    context.printer.note("WARN[0000] \(message)")
                } else {
                    errors.append(message)
                }
            }
            if !mustBuild.isEmpty {
                context.printer.note("WARNING: Some service image(s) must be built from source by running:\n    swiftcompose build \(mustBuild.joined(separator: " "))")
            }
            if !errors.isEmpty { throw CommandFailure(errors.joined(separator: "\n")) }
        }
    }
}
