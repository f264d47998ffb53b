import Foundation

/// The controlling terminal as interactive sessions need it: whether a descriptor is a terminal,
/// raw mode with a guaranteed restore, the window size, and resize notifications.
enum Terminal {
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Rows and columns of the terminal on `fd` (stdout first, then stdin); nil when neither is one.
    static func windowSize() -> (rows: Int, columns: Int)? {
        for fd in [STDOUT_FILENO, STDIN_FILENO] {
            var size = winsize()
            let status = withUnsafeMutablePointer(to: &size) { ioctl(fd, UInt(TIOCGWINSZ), $0) }
            if status == 0, size.ws_row > 0, size.ws_col > 0 {
                return (Int(size.ws_row), Int(size.ws_col))
            }
        }
        return nil
    }

    /// Puts stdin in raw mode (no echo, no line editing, no signals from keys: Ctrl-C goes to the
    /// container) for the duration of `body`, restoring it on return, on a thrown error, and on
    /// SIGTERM/SIGHUP/SIGQUIT (which then end the process with 128+signal, as a shell would).
    static func withRawMode<T>(_ body: () async throws -> T) async throws -> T {
        guard isTerminal(STDIN_FILENO), let saved = RawMode.enter() else { return try await body() }
        let guardSignals = RawMode.restoreOnSignals()
        defer {
            for s in guardSignals { s.cancel() }
            for sig in RawMode.guarded { signal(sig, SIG_DFL) }
            RawMode.restore(saved)
        }
        return try await body()
    }

    /// Calls `onResize` with the new size on every SIGWINCH until the returned source is cancelled.
    static func onResize(_ onResize: @escaping @Sendable (_ rows: Int, _ columns: Int) -> Void) -> any DispatchSourceSignal {
        signal(SIGWINCH, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        source.setEventHandler {
            if let size = windowSize() { onResize(size.rows, size.columns) }
        }
        source.resume()
        return source
    }
}

/// termios handling behind `Terminal.withRawMode`; the saved state is global so a signal handler
/// can restore it.
enum RawMode {
    nonisolated(unsafe) static var saved: termios?

    static func enter() -> termios? {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
        var raw = original
        cfmakeraw(&raw)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return nil }
        saved = original
        return original
    }

    static func restore(_ state: termios) {
        var s = state
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &s)
        saved = nil
    }

    static let guarded: [Int32] = [SIGTERM, SIGHUP, SIGQUIT]

    static func restoreOnSignals() -> [any DispatchSourceSignal] {
        guarded.map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                if let s = saved { restore(s) }
                exit(128 + sig)
            }
            source.resume()
            return source
        }
    }
}
