import Foundation
import Executor

/// Shows executor events like Docker Compose: plain lines when the output is not a terminal,
/// lines updated in place on a terminal, JSON lines, or nothing. Writes to stderr, as Compose does,
/// so stdout stays for `--dry-run` plans and logs.
final class ProgressPrinter: @unchecked Sendable {
    enum Mode: String {
        case tty, plain, quiet, json
    }

    let mode: Mode
    private let lock = NSLock()
    /// Resources in first-seen order with their last line, for the in-place display.
    private var order: [String] = []
    private var lines: [String: String] = [:]
    private var drawn = 0
    private let handle = FileHandle.standardError

    /// `--progress auto|tty|plain|quiet|json`; auto = tty when stdout (as Compose checks) and stderr are terminals.
    init(_ setting: String?, ansi: String? = nil) throws(CommandFailure) {
        switch setting ?? "auto" {
        case "auto", "":
            mode = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1 && ansi != "never" ? .tty : .plain
        case "tty": mode = .tty
        case "plain": mode = .plain
        case "quiet": mode = .quiet
        case "json": mode = .json
        default:
            throw CommandFailure("invalid --progress value \"\(setting!)\": use auto, tty, plain, quiet or json")
        }
    }

    var sink: @Sendable (ProgressEvent) -> Void { { [self] in self.show($0) } }

    func show(_ e: ProgressEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch mode {
        case .quiet:
            return
        case .plain:
            write("\(e.resource)  \(e.status)\n")
        case .json:
            var obj: [String: String] = ["id": e.resource, "status": e.status, "phase": e.phase.rawValue]
            if let d = e.detail { obj["text"] = d }
            if let data = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]) {
                write(String(decoding: data, as: UTF8.self) + "\n")
            }
        case .tty:
            let mark: String
            switch e.phase {
            case .working: mark = "\u{1B}[33m⠿\u{1B}[0m"
            case .done: mark = "\u{1B}[32m✔\u{1B}[0m"
            case .failed: mark = "\u{1B}[31m✘\u{1B}[0m"
            case .warning: mark = "\u{1B}[33m!\u{1B}[0m"
            }
            if lines[e.resource] == nil { order.append(e.resource) }
            lines[e.resource] = " \(mark) \(e.resource)  \(e.status)"
            if order.count >= rows {
                // Too many resources to redraw in place: append the changed line.
                write(lines[e.resource]! + "\n")
                drawn = 0
            } else {
                redraw()
            }
        }
    }

    /// Prints a line outside the progress area (warnings, summaries).
    func note(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if mode == .quiet { return }
        if mode == .tty, drawn > 0 {
            write("\u{1B}[\(drawn)A\u{1B}[J" + text + "\n")
            drawn = 0
            redraw()
        } else {
            write(text + "\n")
        }
    }

    /// Ends the in-place area so later output goes below it.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        drawn = 0
        order.removeAll()
        lines.removeAll()
    }

    /// Terminal height; the in-place area must fit in it, or moving the cursor up would miss lines.
    private lazy var rows: Int = {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return 24
    }()

    private func redraw() {
        var out = drawn > 0 ? "\u{1B}[\(drawn)A" : ""
        for key in order { out += "\u{1B}[2K" + (lines[key] ?? "") + "\n" }
        drawn = order.count
        write(out)
    }

    private func write(_ s: String) {
        handle.write(Data(s.utf8))
    }
}
