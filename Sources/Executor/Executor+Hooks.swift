public import ComposeModel
import EngineAPI
public import Planner

extension Executor {
    /// `hooks` in turn, for `start` and `stop` (plans run each as its own step).
    public func runHooks(_ hooks: [ServiceHook], _ event: HookEvent, in container: ContainerRef) async throws {
        for hook in hooks { try await runHook(hook, event, in: container) }
    }

    /// Runs a `post_start` / `pre_stop` hook in the container to its end, as Docker Compose does:
    /// a non-zero exit fails the step, with the end of the hook's output.
    public func runHook(_ hook: ServiceHook, _ event: HookEvent, in container: ContainerRef) async throws {
        let env = hook.environment.map { key, value in value.map { "\(key)=\($0)" } ?? key }
        let id = try await engine.createExec(container: container.reference, body: ExecCreateBody(
            cmd: hook.command, env: env.isEmpty ? nil : env, privileged: hook.privileged,
            user: hook.user, workingDir: hook.workingDir))
        var tail: [UInt8] = []
        for try await chunk in try await engine.startExec(id) {
            tail += chunk.bytes
            if tail.count > 2048 { tail.removeFirst(tail.count - 2048) }
        }
        let code = try await engine.inspectExec(id).exitCode ?? 0
        guard code == 0 else { throw HookFailed(service: container.service, event: event, status: code, output: tail) }
    }
}

struct HookFailed: Error, CustomStringConvertible {
    let service: String
    let event: HookEvent
    let status: Int
    let output: [UInt8]

    var description: String {
        let last = String(decoding: output, as: UTF8.self).split(separator: "\n").last.map { ": \($0)" } ?? ""
        return "service \(service): \(event.rawValue) hook exited with status \(status)\(last)"
    }
}
