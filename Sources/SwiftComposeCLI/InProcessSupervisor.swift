import Foundation
import ComposeModel
import Logging
import Supervisor
import Planner
import LoadBalancer

/// The supervisor of an attached `up`, running beside the logs in this process until the stack stops.
final class InProcessSupervisor: Sendable {
    let supervisor: Supervisor
    let task: Task<Void, Never>
    let engine: CommandContext

    init(project: Project, context: CommandContext, scale: [String: Int]) {
        var logger = Logger(label: "swiftcompose.supervisor")
        logger.logLevel = .warning  // the logs own the terminal; restarts show as container output
        var options = Supervisor.Options(scale: scale)
        options.balanced = Planner.balancedServices(project, scale: scale)
        options.iptables = KernelForwarder.locateIPTables()
        let supervisor = Supervisor(project: project, engine: context.engine,
                                    options: options, logger: logger)
        self.supervisor = supervisor
        self.engine = context
        task = Task { try? await supervisor.run() }
    }

    /// True when `container`, which just exited, is about to run again: the supervisor backs off to
    /// restart it, or it already runs. Gives the supervisor up to 3 s to see the exit.
    func willRestart(_ container: String) async -> Bool {
        for _ in 0..<60 {
            if Task.isCancelled || task.isCancelled { return false }
            if await supervisor.isRestarting(container) { return true }
            if (try? await engine.engine.inspectContainer(container).state?.running) == true { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    func stop() async {
        task.cancel()
        await task.value
    }

    func cancel() {
        task.cancel()
    }
}
