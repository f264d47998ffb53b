public import ArgumentParser
import ComposeModel
import Planner
import ImageBuilder

/// `push`: push the images of services that are built and named (`build:` and `image:`).
public struct PushCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "push", abstract: "Push service images")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: .customLong("ignore-push-failures"), help: "Push what it can and ignores images with push failures")
    var ignorePushFailures = false
    @Flag(name: .customLong("include-deps"), help: "Also push images of services declared as dependencies")
    var includeDeps = false
    @Flag(name: [.short, .customLong("quiet")], help: "Push without printing progress information")
    var quiet = false
    @Argument(help: "Services to push (default: all)")
    var services: [String] = []

    public init() {}

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let project = try CommandContext.loadProject(global)
            let selected = try ImagePreparation.services(project, named: services, includeDeps: includeDeps)
            let context = try CommandContext(global: global)
            let config: DockerConfig
            do throws(DockerConfigError) {
                config = try DockerConfig.load()
            } catch {
                throw CommandFailure(error.message)
            }
            var tags: [(service: String, ref: String)] = []
            for s in selected {
                // Compose pushes only what it builds under a chosen name.
                guard let image = s.image, let build = s.build else { continue }
                for ref in [image] + build.tags where !tags.contains(where: { $0.ref == ref }) {
                    tags.append((s.name, ref))
                }
            }
            if global.dryRun {
                for t in tags { print("DRY-RUN MODE -  push \(t.ref) for service \(t.service)") }
                return
            }
            let prep = ImagePreparation(context: context)
            let quiet = quiet
            let results = await ImagePreparation.concurrently(tags, limit: context.parallelism) { t in
                await prep.push(t.ref, service: t.service, config: config, quiet: quiet)
            }
            context.printer.finish()
            let failures = results.compactMap { $0 }
            if failures.isEmpty { return }
            if ignorePushFailures {
                for f in failures { context.printer.note("WARN[0000] \(f)") }
                return
            }
            throw CommandFailure(failures.joined(separator: "\n"))
        }
    }
}
