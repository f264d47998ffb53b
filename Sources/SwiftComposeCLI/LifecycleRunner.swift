import Foundation
import EngineAPI
import Executor

/// Runs one engine call per container with Compose-like progress (`Container demo-web-1  Stopping` →
/// `Stopped`): batch after batch (dependency levels), in parallel within a batch up to `--parallel`.
/// A batch starts only when the previous one succeeded, so dependents never start before a failed dependency.
/// With `--dry-run` the steps are shown and not performed.
struct LifecycleRunner {
    let context: CommandContext
    var working: String
    var done: String
    /// Engine answers meaning "already so" (304 on start/stop, 404 on a container gone meanwhile) count as done.
    var alreadyDone: @Sendable (EngineError) -> Bool = { $0.isNotModified }

    func run(_ batches: [[ContainerSummary]],
             _ operation: @escaping @Sendable (ContainerSummary) async throws -> Void) async throws(CommandFailure) {
        let printer = context.printer
        let limit = context.parallelism <= 0 ? Int.max : context.parallelism
        let (working, done, alreadyDone) = (self.working, self.done, self.alreadyDone)
        // --dry-run: the same progress lines, no engine call.
        let dryRun = context.global.dryRun
        var failures: [String] = []
        for batch in batches where !batch.isEmpty {
            let batchFailures = await withTaskGroup(of: String?.self) { group in
                var running = 0
                var out: [String] = []
                for c in batch {
                    if running >= limit, let f = await group.next() {
                        running -= 1
                        if let f { out.append(f) }
                    }
                    running += 1
                    group.addTask {
                        printer.show(ProgressEvent(kind: "Container", name: c.name, phase: .working, status: working))
                        do {
                            if !dryRun { try await operation(c) }
                        } catch let e as EngineError where alreadyDone(e) {
                        } catch {
                            let message = Self.message(error)
                            printer.show(ProgressEvent(kind: "Container", name: c.name, phase: .failed, status: "Error", detail: message))
                            return message
                        }
                        printer.show(ProgressEvent(kind: "Container", name: c.name, phase: .done, status: done))
                        return nil
                    }
                }
                for await f in group { if let f { out.append(f) } }
                return out
            }
            failures += batchFailures
            if !failures.isEmpty { break }
        }
        printer.finish()
        if !failures.isEmpty { throw CommandFailure(failures.sorted().joined(separator: "\n")) }
    }

    /// The daemon's own words, as Compose shows them; the full text for an unreachable daemon.
    static func message(_ error: any Error) -> String {
        guard let e = error as? EngineError else { return CommandContext.describe(error) }
        return e.isUnreachable ? e.description : "Error response from daemon: \(e.message)"
    }
}
