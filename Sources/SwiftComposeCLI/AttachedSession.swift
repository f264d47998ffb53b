import Foundation
import EngineAPI

/// Shuttles bytes between our stdio and a hijacked connection (exec, run, attach): output to
/// stdout/stderr (one stream with a TTY), stdin to the process. Ends when the output ends, or when
/// the detach keys are typed.
struct AttachedSession {
    let connection: HijackedConnection
    var forwardStdin: Bool
    var detachKeys: [UInt8]?

    enum Outcome: Sendable { case outputEnded, detached }

    private enum Event: Sendable { case outputEnded, inputEnded, detached }

    func run() async throws -> Outcome {
        let connection = self.connection
        let keys = detachKeys
        let outcome: Outcome = try await withThrowingTaskGroup(of: Event.self) { group in
            group.addTask {
                for try await chunk in connection.output() {
                    Output.write(chunk.bytes, to: chunk.stream == .stderr ? STDERR_FILENO : STDOUT_FILENO)
                }
                return .outputEnded
            }
            if forwardStdin {
                group.addTask {
                    await StdinPump.forward(to: connection, detachKeys: keys) ? .detached : .inputEnded
                }
            }
            while let event = try await group.next() {
                switch event {
                case .inputEnded:
                    continue  // Keep reading: the process may still be writing.
                case .outputEnded:
                    group.cancelAll()
                    return .outputEnded
                case .detached:
                    group.cancelAll()
                    await connection.close()
                    return .detached
                }
            }
            return .outputEnded
        }
        return outcome
    }
}
