import EngineAPI
import StateObserver
import Logging

/// Follows the engine's container events for one project. A dropped stream or a restarted daemon
/// is reconnected with backoff and resumed with `since=` the last event seen; every (re)connection
/// is reported so the caller can resync, since events may have been missed meanwhile.
struct EventWatcher: Sendable {
    let engine: EngineClient
    let project: String
    let logger: Logger
    /// Where the first connection starts.
    var since: String?

    func run(onConnect: @escaping @Sendable () async -> Void,
             onDisconnect: @escaping @Sendable () async -> Void,
             onEvent: @escaping @Sendable (EngineEvent) async -> Void) async {
        var since = self.since
        var attempt = 0
        while !Task.isCancelled {
            do {
                let stream = try await engine.events(since: since, filters: [
                    "type": ["container"], "label": [ComposeLabels.projectFilter(project)],
                ])
                if attempt > 0 { logger.info("event stream reconnected; resyncing") }
                attempt = 0
                await onConnect()
                for try await event in stream {
                    if let ns = event.timeNano { since = Self.since(nanoseconds: ns) }
                    else if let s = event.time { since = String(s) }
                    await onEvent(event)
                }
                if Task.isCancelled { return }
                logger.warning("event stream ended; reconnecting")
                await onDisconnect()
            } catch {
                if Task.isCancelled { return }
                if attempt == 0 { await onDisconnect() }
                if attempt == 0 { logger.warning("event stream lost: \(error); reconnecting with backoff") }
            }
            attempt += 1
            try? await Task.sleep(for: restartBackoff(attempt: attempt, base: .milliseconds(100), cap: .seconds(5)))
        }
    }

    /// `since=` as "seconds.nanoseconds", which the engine accepts.
    static func since(nanoseconds ns: Int64) -> String {
        let frac = String(ns % 1_000_000_000)
        return "\(ns / 1_000_000_000).\(String(repeating: "0", count: 9 - frac.count))\(frac)"
    }
}
