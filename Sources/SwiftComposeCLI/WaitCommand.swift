public import ArgumentParser
import ComposeModel
import EngineAPI
import Planner

/// `wait SERVICE...`: blocks until the first of the services' running containers exits, prints its
/// exit status and exits with it; `--down-project` then removes the project as `down --remove-orphans`.
public struct WaitCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "wait", abstract: "Block until the first service container stops")

    @OptionGroup public var global: GlobalOptions
    @Flag(name: .customLong("down-project"), help: "Drops project when the first container stops")
    var downProject = false
    @Argument(help: "Services to wait for")
    var services: [String]

    public init() {}

    public func validate() throws {
        if services.isEmpty { throw ValidationError("wait requires at least 1 argument: SERVICE [SERVICE...]") }
    }

    public func run() async throws {
        var status: Int32 = 0
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            let containers = try await scope.containers(services: services, all: false, oneoff: true)
            guard !containers.isEmpty else { throw CommandFailure("no containers for project \"\(scope.name)\"") }
            let engine = scope.engine
            let first: Result<(String, Int), CommandFailure>? = await InterruptExit.run(status: 130) {
                await withTaskGroup(of: Result<(String, Int), CommandFailure>?.self) { group in
                    for c in containers {
                        group.addTask {
                            do {
                                return .success((c.id, try await engine.waitContainer(c.id)))
                            } catch {
                                return Task.isCancelled ? nil : .failure(CommandFailure(LifecycleRunner.message(error)))
                            }
                        }
                    }
                    let first = await group.next() ?? nil
                    group.cancelAll()
                    return first
                }
            }
            switch first {
            case .success((let id, let code))?:
                StandardOutput.line("container \"\(id)\" exited with status code \(code)")
                status = Int32(truncatingIfNeeded: code)
            case .failure(let e)?:
                throw e
            case nil:
                throw CommandFailure("interrupted before any container exited")
            }
            if downProject {
                let project = scope.project ?? Project(name: scope.name)
                let observed = try await scope.context.observe(project)
                let plan = Planner.planDown(desired: project, observed: observed, options: DownOptions(removeOrphans: true))
                try await scope.context.execute(plan)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
