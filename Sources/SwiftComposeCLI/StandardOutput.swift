import Foundation

/// Unbuffered writes, so command output and progress lines (stderr) keep their order
/// and interleave with log streams, which write the same way.
enum StandardOutput {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
    static func line(_ text: String) { write(text + "\n") }
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
