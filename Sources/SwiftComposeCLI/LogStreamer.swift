import Foundation
import EngineAPI

/// Prints container output line by line with Compose's prefix (`web-1  | `, padded to the widest name,
/// coloured per container on a terminal), stdout to stdout and stderr to stderr, lines of several
/// containers interleaved as they arrive.
final class LogStreamer: @unchecked Sendable {
    /// Compose's rainbow: cyan, yellow, green, magenta, blue, then their bold forms.
    static let colors = ["36", "33", "32", "35", "34", "36;1", "33;1", "32;1", "35;1", "34;1"]

    let engine: EngineClient
    let color: Bool
    let prefix: Bool
    private let lock = NSLock()
    private var width: Int
    private var colorOf: [String: String] = [:]

    init(engine: EngineClient, names: [String], color: Bool, prefix: Bool) {
        self.engine = engine
        self.color = color
        self.prefix = prefix
        width = (names.map(\.count).max() ?? 0) + 1
        for n in names { register(n) }
    }

    /// Gives `name` the next colour (once) and widens the prefix column if needed.
    func register(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        if colorOf[name] == nil { colorOf[name] = Self.colors[colorOf.count % Self.colors.count] }
        width = max(width, name.count + 1)
    }

    /// `web-1  | ` (coloured when asked), or nothing with `--no-log-prefix`.
    func head(_ name: String) -> String {
        guard prefix else { return "" }
        lock.lock()
        let text = name.padding(toLength: width, withPad: " ", startingAt: 0) + " | "
        let code = colorOf[name] ?? "0"
        lock.unlock()
        return color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Streams one container's logs to the end (or until cancelled). A container removed meanwhile ends quietly.
    func stream(id: String, name: String, options: LogsOptions) async throws {
        let head = head(name)
        var pending: [LogChunk.Stream: [UInt8]] = [:]
        do {
            for try await chunk in try await engine.containerLogs(id, options: options) {
                var buffer = pending[chunk.stream, default: []] + chunk.bytes
                var lines = ""
                while let nl = buffer.firstIndex(of: 10) {
                    lines += head + String(decoding: buffer[..<nl], as: UTF8.self) + "\n"
                    buffer.removeSubrange(...nl)
                }
                pending[chunk.stream] = buffer
                if !lines.isEmpty { write(lines, stderr: chunk.stream == .stderr) }
            }
        } catch let e as EngineError where e.isNotFound {
            return
        }
        for (stream, rest) in pending where !rest.isEmpty {
            write(head + String(decoding: rest, as: UTF8.self) + "\n", stderr: stream == .stderr)
        }
    }

    private func write(_ text: String, stderr: Bool) {
        lock.lock()
        defer { lock.unlock() }
        (stderr ? FileHandle.standardError : FileHandle.standardOutput).write(Data(text.utf8))
    }
}
