import Foundation

/// For commands that only watch (`logs -f`, `events`, `wait`): Ctrl-C ends the process at once
/// (status 0 for the watchers, 130 for `wait`, which was asked for an exit code it did not get).
/// Cancelling the task is not enough there: an engine stream waiting for its next chunk does not
/// wake up on cancellation, so the command would hang until the daemon sends something.
enum InterruptExit {
    static func run<T: Sendable>(status: Int32 = 0, _ body: @escaping @Sendable () async -> T) async -> T {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { exit(status) }
        source.resume()
        let value = await body()
        source.cancel()
        signal(SIGINT, SIG_DFL)
        return value
    }
}
