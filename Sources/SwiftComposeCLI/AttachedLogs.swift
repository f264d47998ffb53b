import Foundation
import ComposeModel
import EngineAPI
import Planner

/// Attached `up`: follow the containers' output with `web-1  | ` prefixes until they all exit,
/// or until Ctrl-C, which stops the stack (dependents first).
struct AttachedLogs {
    let context: CommandContext
    let project: Project
    let containers: [String]
    let color: Bool
    let prefix: Bool
    let timeout: Int?
    /// Unix time `up` began: only output from then on is shown, as Compose attaches before starting.
    let since: Double
    /// `--abort-on-container-exit`: the first container to exit stops the stack.
    var abortOnExit = false
    /// `--exit-code-from SERVICE`: exit with that service's container's code (implies abort).
    var exitCodeFrom: String?
    /// With a supervisor in this process: whether a container that just exited will be restarted
    /// (its logs are then followed again), and what to do before stopping the stack.
    var restarts: (@Sendable (String) async -> Bool)?
    var beforeStop: (@Sendable () async -> Void)?

    static let colors = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94]

    /// Returns the exit status `up` should end with.
    func run() async throws(CommandFailure) -> Int32 {
        let engine = context.engine
        let width = containers.map { label($0).count }.max() ?? 0
        let out = LineWriter()
        let names = containers
        let useColor = color && isatty(STDOUT_FILENO) == 1
        let showPrefix = prefix
        // The log streams do not end on task cancellation, so they run unstructured and report their end
        // through a stream that does: Ctrl-C stops the waiting, then stopping the containers ends the logs.
        let (ended, endedContinuation) = AsyncStream<(String, Int?)>.makeStream()
        let sinceText = String(Int(since))
        for (i, name) in names.enumerated() {
            let tag = label(name).padding(toLength: width, withPad: " ", startingAt: 0)
            let code = Self.colors[i % Self.colors.count]
            let head = !showPrefix ? "" : useColor ? "\u{1B}[\(code)m\(tag)  |\u{1B}[0m " : "\(tag)  | "
            let restarts = self.restarts
            Task {
                var since = sinceText
                while true {
                    var pending: [UInt8] = []
                    do {
                        for try await chunk in try await engine.containerLogs(name, follow: true, since: since) {
                            pending += chunk.bytes
                            while let nl = pending.firstIndex(of: 10) {
                                out.write(head + String(decoding: pending[..<nl], as: UTF8.self) + "\n")
                                pending.removeSubrange(...nl)
                            }
                        }
                    } catch {}
                    if !pending.isEmpty { out.write(head + String(decoding: pending, as: UTF8.self) + "\n") }
                    let code = try? await engine.inspectContainer(name).state?.exitCode
                    if let code { out.write("\(name) exited with code \(code)\n") }
                    // Supervised: follow the next run of a container the supervisor restarts, from its death on.
                    since = String(format: "%.9f", Date().timeIntervalSince1970)
                    var back = false
                    if let restarts {
                        while await restarts(name) {
                            if (try? await engine.inspectContainer(name).state?.running) == true { back = true; break }
                            try? await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    if !back {
                        endedContinuation.yield((name, code))
                        break
                    }
                }
            }
        }
        let count = names.count
        let abort = abortOnExit || exitCodeFrom != nil
        let outcome = await Interrupt.run { () async -> (interrupted: Bool, codes: [String: Int], first: String?) in
            var codes: [String: Int] = [:]
            var first: String?
            var finished = 0
            for await (name, code) in ended {
                finished += 1
                codes[name] = code ?? 0
                if first == nil { first = name }
                if finished == count { return (false, codes, first) }
                if abort { return (false, codes, first) }
            }
            return (true, codes, first)
        }
        if outcome.interrupted || abort && outcome.codes.count < count {
            context.printer.note(outcome.interrupted ? "Gracefully stopping... (press Ctrl+C again to force)"
                                                     : "Aborting on container exit...")
            await beforeStop?()
            let observed = try await context.observe(project)
            let plan = Planner.planStop(desired: project, observed: observed, containers: Set(containers), timeout: timeout)
            try await context.execute(plan)
        }
        if let service = exitCodeFrom {
            if let name = names.first(where: { serviceOf($0) == service }) {
                if let code = outcome.codes[name] { return Int32(truncatingIfNeeded: code) }
                let code = try? await engine.inspectContainer(name).state?.exitCode
                return Int32(truncatingIfNeeded: code ?? 0)
            }
            return 0
        }
        if abort, let first = outcome.first { return Int32(truncatingIfNeeded: outcome.codes[first] ?? 0) }
        return outcome.interrupted ? 130 : 0
    }

    /// The service of one of this project's containers, from its name.
    func serviceOf(_ container: String) -> String {
        for (name, s) in project.services {
            if container == s.containerName { return name }
            let prefix = "\(project.name)-\(name)-"
            if container.hasPrefix(prefix), Int(container.dropFirst(prefix.count)) != nil { return name }
        }
        return ""
    }

    /// `demo-web-1` → `web-1`; a `container_name` stays as it is.
    func label(_ name: String) -> String {
        name.hasPrefix(project.name + "-") ? String(name.dropFirst(project.name.count + 1)) : name
    }
}

/// Whole lines to stdout from concurrent streams.
final class LineWriter: @unchecked Sendable {
    private let lock = NSLock()
    func write(_ s: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardOutput.write(Data(s.utf8))
    }
}
