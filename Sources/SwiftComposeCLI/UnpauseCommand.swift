public import ArgumentParser
import EngineAPI

/// `unpause`: resumes the paused containers of the services, dependencies first.
public struct UnpauseCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "unpause", abstract: "Unpause services")

    @OptionGroup public var global: GlobalOptions
    @Argument(help: "Services to unpause (default: all)")
    var services: [String] = []

    public init() {}

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            let containers = try await scope.containers(services: services, all: false).filter { $0.state == "paused" }
            let runner = LifecycleRunner(context: scope.context, working: "Unpausing", done: "Unpaused")
            let engine = scope.engine
            try await runner.run(scope.batches(containers)) { try await engine.unpauseContainer($0.id) }
        }
    }
}
