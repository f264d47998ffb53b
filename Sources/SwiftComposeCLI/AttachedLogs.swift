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

    static let colors = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94]

    func run() async throws(CommandFailure) {
        let engine = context.engine
        let width = containers.map { label($0).count }.max() ?? 0
        let out = LineWriter()
        let names = containers
        let useColor = color && isatty(STDOUT_FILENO) == 1
        let showPrefix = prefix
        // The log streams do not end on task cancellation, so they run unstructured and report their end
        // through a stream that does: Ctrl-C stops the waiting, then stopping the containers ends the logs.
        let (ended, endedContinuation) = AsyncStream<Void>.makeStream()
        let sinceText = String(Int(since))
        for (i, name) in names.enumerated() {
            let tag = label(name).padding(toLength: width, withPad: " ", startingAt: 0)
            let code = Self.colors[i % Self.colors.count]
            let head = !showPrefix ? "" : useColor ? "\u{1B}[\(code)m\(tag)  |\u{1B}[0m " : "\(tag)  | "
            Task {
                var pending: [UInt8] = []
                do {
                    for try await chunk in try await engine.containerLogs(name, follow: true, since: sinceText) {
                        pending += chunk.bytes
                        while let nl = pending.firstIndex(of: 10) {
                            out.write(head + String(decoding: pending[..<nl], as: UTF8.self) + "\n")
                            pending.removeSubrange(...nl)
                        }
                    }
                } catch {}
                if !pending.isEmpty { out.write(head + String(decoding: pending, as: UTF8.self) + "\n") }
                if let code = try? await engine.inspectContainer(name).state?.exitCode {
                    out.write("\(name) exited with code \(code)\n")
                }
                endedContinuation.yield(())
            }
        }
        let count = names.count
        let interrupted = await Interrupt.run { () async -> Bool in
            var finished = 0
            for await _ in ended {
                finished += 1
                if finished == count { break }
            }
            return finished < count
        }
        guard interrupted else { return }
        context.printer.note("Gracefully stopping... (press Ctrl+C again to force)")
        let observed = try await context.observe(project)
        let plan = Planner.planStop(desired: project, observed: observed, containers: Set(containers), timeout: timeout)
        try await context.execute(plan)
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
