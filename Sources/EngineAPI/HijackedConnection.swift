import NIOCore

/// A connection the daemon handed over after `Upgrade: tcp` (interactive exec, attach): a raw duplex byte
/// stream. Without a TTY, inbound bytes are multiplexed frames (`output()` demultiplexes them); with a
/// TTY they are the terminal's bytes.
public final class HijackedConnection: Sendable {
    /// Whether the session has a TTY (inbound is raw, not framed).
    public let tty: Bool
    /// Inbound bytes as they arrive; iterate it once (or use `output()` instead, not both).
    public let inbound: AsyncThrowingStream<[UInt8], any Error>
    private let channel: any Channel

    init(channel: any Channel, reader: PullReader<ByteBuffer>, leftover: [UInt8], tty: Bool) {
        self.channel = channel
        self.tty = tty
        let state = InboundState(channel: channel, reader: reader, leftover: leftover)
        self.inbound = AsyncThrowingStream(unfolding: { try await state.next() })
    }

    deinit {
        channel.close(promise: nil)
    }

    /// Sends bytes to the process's stdin.
    public func write(_ bytes: [UInt8]) async throws {
        do {
            try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
        } catch {
            throw EngineError.connection("cannot write to the hijacked connection: \(error)")
        }
    }

    public func write(_ text: String) async throws {
        try await write(Array(text.utf8))
    }

    /// Half-closes: the process sees end of input on stdin, its output keeps flowing.
    public func closeWrite() async throws {
        do {
            try await channel.close(mode: .output).get()
        } catch ChannelError.alreadyClosed {
            return
        } catch {
            throw EngineError.connection("cannot half-close the hijacked connection: \(error)")
        }
    }

    /// Closes both directions.
    public func close() async {
        try? await channel.close().get()
    }

    /// Inbound output as stdout/stderr chunks (demultiplexed unless `tty`).
    public func output() -> AsyncThrowingStream<LogChunk, any Error> {
        let state = DemuxState(source: inbound, tty: tty)
        return AsyncThrowingStream(unfolding: { try await state.next() })
    }
}

private final class InboundState: @unchecked Sendable {
    let channel: any Channel
    let reader: PullReader<ByteBuffer>
    var leftover: [UInt8]?

    init(channel: any Channel, reader: PullReader<ByteBuffer>, leftover: [UInt8]) {
        self.channel = channel; self.reader = reader
        self.leftover = leftover.isEmpty ? nil : leftover
    }

    func next() async throws -> [UInt8]? {
        if let first = leftover {
            leftover = nil
            return first
        }
        while let buffer = try await readNext(channel: channel, reader: reader) {
            if buffer.readableBytes > 0 { return Array(buffer.readableBytesView) }
        }
        return nil
    }
}

private final class DemuxState: @unchecked Sendable {
    var iterator: AsyncThrowingStream<[UInt8], any Error>.AsyncIterator
    var decoder: DemuxedChunks
    var pending: [LogChunk] = []
    var ended = false

    init(source: AsyncThrowingStream<[UInt8], any Error>, tty: Bool) {
        self.iterator = source.makeAsyncIterator()
        self.decoder = DemuxedChunks(tty: tty)
    }

    func next() async throws -> LogChunk? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            if ended { return nil }
            if let bytes = try await iterator.next() {
                pending = try decoder.feed(bytes)
            } else {
                ended = true
                pending = try decoder.finish()
            }
        }
    }
}
