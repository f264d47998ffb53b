/// A piece of container output, tagged with the stream it came from.
public struct LogChunk: Sendable, Equatable {
    public enum Stream: UInt8, Sendable {
        case stdin = 0, stdout = 1, stderr = 2
    }
    public var stream: Stream
    public var bytes: [UInt8]
    public init(stream: Stream, bytes: [UInt8]) {
        self.stream = stream; self.bytes = bytes
    }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
