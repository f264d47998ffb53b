import Foundation

/// Forwards SIGINT, SIGTERM and SIGHUP received by us to a container (run, attach --sig-proxy), so
/// Ctrl-C stops the process inside rather than leaving it running.
final class SignalProxy: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    init(send: @escaping @Sendable (_ name: String) -> Void) {
        let names: [Int32: String] = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"]
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            let name = names[sig] ?? "SIGTERM"
            source.setEventHandler { send(name) }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        for s in sources { s.cancel() }
        sources.removeAll()
        for sig in signals { signal(sig, SIG_DFL) }
    }
}
