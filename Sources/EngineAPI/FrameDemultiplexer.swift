/// Splits the daemon's multiplexed stdout/stderr stream (used when the container has no TTY) into chunks.
/// Each frame is an 8-byte header `[stream, 0, 0, 0, size (big-endian UInt32)]` then `size` bytes.
/// Frames may be cut anywhere across reads, so the state survives between `feed` calls.
public struct FrameDemultiplexer: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0

    public init() {}

    /// Returns the complete frames found so far; partial frames wait for more input.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(EngineError) -> [LogChunk] {
        buffer.append(contentsOf: bytes)
        var chunks: [LogChunk] = []
        while buffer.count - start >= 8 {
            let streamByte = buffer[start]
            guard let stream = LogChunk.Stream(rawValue: streamByte) else {
                throw .connection("malformed multiplexed stream: unknown stream id \(streamByte) (was the container started with a TTY?)")
            }
            let size = Int(buffer[start + 4]) << 24 | Int(buffer[start + 5]) << 16
                | Int(buffer[start + 6]) << 8 | Int(buffer[start + 7])
            guard buffer.count - start - 8 >= size else { break }
            let body = start + 8
            if size > 0 {
                chunks.append(LogChunk(stream: stream, bytes: Array(buffer[body..<body + size])))
            }
            start = body + size
        }
        // Compact once the consumed prefix dominates, keeping appends amortised O(1).
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        return chunks
    }

    /// Bytes of an unfinished frame at the end of the stream.
    public var pendingByteCount: Int { buffer.count - start }
}
