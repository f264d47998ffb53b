public import ArgumentParser
import EngineAPI

/// `restart`: restarts the containers of the services in dependency order; naming services also
/// restarts the services that depend on them with `restart: true`, unless `--no-deps`.
public struct RestartCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart service containers")

    @OptionGroup public var global: GlobalOptions
    @Option(name: [.short, .customLong("timeout")], help: "Specify a shutdown timeout in seconds")
    var timeout: Int?
    @Flag(name: .customLong("no-deps"), help: "Don't restart dependent services")
    var noDeps = false
    @Argument(help: "Services to restart (default: all)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if let t = timeout, t < 0 { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            let selected = noDeps || services.isEmpty ? services : Self.withRestartDependents(services, scope: scope)
            let containers = try await scope.containers(services: selected, orphans: !services.isEmpty)
            let runner = LifecycleRunner(context: scope.context, working: "Restarting", done: "Started")
            let engine = scope.engine
            let timeouts = Dictionary(containers.map { ($0.id, scope.stopTimeout(timeout, service: $0.service)) }) { a, _ in a }
            try await runner.run(scope.batches(containers)) { c in
                try await engine.restartContainer(c.id, timeout: timeouts[c.id] ?? nil)
            }
        }
    }

    /// `services` plus, transitively, those that declare `depends_on: {x: {restart: true}}` on them.
    static func withRestartDependents(_ services: [String], scope: LifecycleScope) -> [String] {
        guard let project = scope.project else { return services }
        var out = services
        var i = 0
        while i < out.count {
            for (name, s) in project.services where !out.contains(name) && s.dependsOn[out[i]]?.restart == true {
                out.append(name)
            }
            i += 1
        }
        return out
    }
}
