/// Cuts a byte stream of newline-separated JSON documents (events, pull/build progress) into lines,
/// whatever the chunk boundaries. Blank lines are skipped; `\r\n` is accepted.
public struct JSONLineSplitter: Sendable {
    private var pending: [UInt8] = []
    /// A single line larger than this is a protocol error, not a reason to eat memory.
    public var maximumLineLength: Int

    public init(maximumLineLength: Int = 16 << 20) {
        self.maximumLineLength = maximumLineLength
    }

    public mutating func feed(_ bytes: some Collection<UInt8>) throws(EngineError) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if let line = Self.trimmed(pending) { lines.append(line) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
                if pending.count > maximumLineLength {
                    throw .connection("a JSON line from the daemon exceeds \(maximumLineLength) bytes")
                }
            }
        }
        return lines
    }

    /// The last line when the stream ends without a newline.
    public mutating func finish() -> [UInt8]? {
        defer { pending.removeAll() }
        return Self.trimmed(pending)
    }

    private static func trimmed(_ line: [UInt8]) -> [UInt8]? {
        var end = line.count
        while end > 0, line[end - 1] == UInt8(ascii: "\r") || line[end - 1] == UInt8(ascii: " ") { end -= 1 }
        var begin = 0
        while begin < end, line[begin] == UInt8(ascii: " ") || line[begin] == UInt8(ascii: "\t") { begin += 1 }
        return begin < end ? Array(line[begin..<end]) : nil
    }
}
