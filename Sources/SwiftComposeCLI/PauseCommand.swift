public import ArgumentParser
import EngineAPI

/// `pause`: freezes the running containers of the services, dependents first.
public struct PauseCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause services")

    @OptionGroup public var global: GlobalOptions
    @Argument(help: "Services to pause (default: all)")
    var services: [String] = []

    public init() {}

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            let containers = try await scope.containers(services: services, all: false).filter { $0.state == "running" }
            let runner = LifecycleRunner(context: scope.context, working: "Pausing", done: "Paused")
            let engine = scope.engine
            try await runner.run(scope.batches(containers, reverse: true)) { try await engine.pauseContainer($0.id) }
        }
    }
}
