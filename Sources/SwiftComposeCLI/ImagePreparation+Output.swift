import Foundation

/// Build output on stdout, each line prefixed with its service so concurrent builds stay readable;
/// coloured on a terminal, plain otherwise, nothing with `--quiet`.
final class BuildOutput: @unchecked Sendable {
    private let lock = NSLock()
    private let width: Int
    private let color: Bool
    private let quiet: Bool
    private var colors: [String: String] = [:]
    private static let palette = ["36", "33", "32", "35", "34", "96", "93", "92", "95", "94"]

    init(services: [String], quiet: Bool, ansi: String?) {
        width = services.map(\.count).max() ?? 0
        self.quiet = quiet
        color = ansi == "always" || (ansi != "never" && isatty(STDOUT_FILENO) == 1)
        for (i, s) in services.enumerated() { colors[s] = Self.palette[i % Self.palette.count] }
    }

    func line(_ service: String, _ text: String) {
        if quiet { return }
        let pad = String(repeating: " ", count: max(0, width - service.count))
        let prefix = color ? "\u{1B}[\(colors[service] ?? "36")m\(service)\(pad)  |\u{1B}[0m " : "\(service)\(pad)  | "
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardOutput.write(Data((prefix + text + "\n").utf8))
    }
}
