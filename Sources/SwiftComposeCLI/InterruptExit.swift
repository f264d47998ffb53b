import Foundation

/// For commands that only watch (`logs -f`, `events`): Ctrl-C ends the process at once with status 0.
/// Cancelling the task is not enough there: an engine stream waiting for its next chunk does not
/// wake up on cancellation, so the command would hang until the daemon sends something.
enum InterruptExit {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { exit(0) }
        source.resume()
        let value = await body()
        source.cancel()
        signal(SIGINT, SIG_DFL)
        return value
    }
}
