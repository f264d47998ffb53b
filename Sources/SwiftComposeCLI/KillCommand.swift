import Foundation
public import ArgumentParser
import EngineAPI

/// `kill`: sends a signal (SIGKILL by default) to the running containers of the services, dependents first.
public struct KillCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "kill", abstract: "Force stop service containers")

    @OptionGroup public var global: GlobalOptions
    @Option(name: [.short, .customLong("signal")], help: "SIGNAL to send to the container")
    var signal = "SIGKILL"
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file")
    var removeOrphans = false
    @Argument(help: "Services to kill (default: all)")
    var services: [String] = []

    public init() {}

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            let containers = try await scope.containers(services: services, orphans: removeOrphans).filter(\.isUp)
            if containers.isEmpty {
                StandardOutput.error("no container to kill")
                return
            }
            let runner = LifecycleRunner(context: scope.context, working: "Killing", done: "Killed")
            let engine = scope.engine
            let signal = self.signal
            try await runner.run(scope.batches(containers, reverse: true)) { try await engine.killContainer($0.id, signal: signal) }
        }
    }
}
