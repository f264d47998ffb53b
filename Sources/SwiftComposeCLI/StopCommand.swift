public import ArgumentParser
import EngineAPI
import Planner
import Executor

/// `stop`: stops the running containers of the services, dependents first.
public struct StopCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop services")

    @OptionGroup public var global: GlobalOptions
    @Option(name: [.short, .customLong("timeout")], help: "Specify a shutdown timeout in seconds")
    var timeout: Int?
    @Argument(help: "Services to stop (default: all)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if let t = timeout, t < 0 { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            try await Self.stop(scope, services: services, timeout: timeout)
        }
    }

    static func stop(_ scope: LifecycleScope, services: [String], timeout: Int?) async throws(CommandFailure) {
        let containers = try await scope.containers(services: services).filter(\.isUp)
        var runner = LifecycleRunner(context: scope.context, working: "Stopping", done: "Stopped")
        runner.alreadyDone = { $0.isNotModified || $0.isNotFound }
        let engine = scope.engine
        let timeouts = Dictionary(containers.map { ($0.id, scope.stopTimeout(timeout, service: $0.service)) }) { a, _ in a }
        let executor = scope.context.executor()
        let project = scope.project
        try await runner.run(scope.batches(containers, reverse: true)) { c in
            // `pre_stop` hooks first, as in Docker Compose (not in a paused container).
            if c.state == "running" {
                try await executor.runHooks(project?.services[c.service]?.preStop ?? [], .preStop,
                                            in: ContainerRef(id: c.id, name: c.name, service: c.service))
            }
            try await engine.stopContainer(c.id, timeout: timeouts[c.id] ?? nil)
        }
    }
}
