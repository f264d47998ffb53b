import Foundation
import NIOCore

/// Turns byte chunks into elements; state carries across chunk boundaries.
protocol ChunkDecoder: Sendable {
    associatedtype Element: Sendable
    mutating func feed(_ bytes: [UInt8]) throws -> [Element]
    mutating func finish() throws -> [Element]
}

struct RawChunks: ChunkDecoder {
    mutating func feed(_ bytes: [UInt8]) throws -> [[UInt8]] { [bytes] }
    mutating func finish() throws -> [[UInt8]] { [] }
}

struct DemuxedChunks: ChunkDecoder {
    var tty: Bool
    var demux = FrameDemultiplexer()
    mutating func feed(_ bytes: [UInt8]) throws -> [LogChunk] {
        tty ? [LogChunk(stream: .stdout, bytes: bytes)] : try demux.feed(bytes)
    }
    mutating func finish() throws -> [LogChunk] {
        if !tty && demux.pendingByteCount > 0 {
            throw EngineError.connection("the output stream ended inside a frame (\(demux.pendingByteCount) bytes left)")
        }
        return []
    }
}

/// JSON lines decoded one by one; `check` may turn a line into an error (progress `error` fields).
struct JSONLines<T: Decodable & Sendable>: ChunkDecoder {
    var splitter = JSONLineSplitter()
    let method: String
    let path: String
    let check: @Sendable (T) throws -> Void

    mutating func feed(_ bytes: [UInt8]) throws -> [T] {
        try splitter.feed(bytes).map(decodeLine)
    }
    mutating func finish() throws -> [T] {
        try splitter.finish().map { [try decodeLine($0)] } ?? []
    }
    private func decodeLine(_ line: [UInt8]) throws -> T {
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: Data(line))
        } catch {
            throw EngineError.decoding(error, method: method, path: path)
        }
        try check(value)
        return value
    }
}

/// State of one pull-based stream; the stream owns the response, so dropping it closes the connection.
private final class StreamPump<D: ChunkDecoder>: @unchecked Sendable {
    private let response: EngineResponse
    private var decoder: D
    private var pending: [D.Element] = []
    private var index = 0
    private var ended = false

    init(response: EngineResponse, decoder: D) {
        self.response = response
        self.decoder = decoder
    }

    /// Called by one consumer at a time (AsyncThrowingStream's unfolding guarantees it).
    func next() async throws -> D.Element? {
        while true {
            if index < pending.count {
                defer { index += 1 }
                return pending[index]
            }
            pending.removeAll(keepingCapacity: true)
            index = 0
            if ended { return nil }
            do {
                if let chunk = try await response.nextChunk() {
                    pending = try decoder.feed(Array(chunk.readableBytesView))
                } else {
                    ended = true
                    pending = try decoder.finish()
                }
            } catch {
                ended = true
                response.cancel()
                throw error
            }
        }
    }
}

extension EngineClient {
    /// An `AsyncThrowingStream` that reads from the socket only when its consumer asks for more.
    func stream<D: ChunkDecoder>(_ response: EngineResponse, _ decoder: D) -> AsyncThrowingStream<D.Element, any Error> {
        let pump = StreamPump(response: response, decoder: decoder)
        return AsyncThrowingStream(unfolding: { try await pump.next() })
    }

    /// Raises a progress line's `error` (pull, push, build report failures inside a 200 stream).
    static func progressCheck(method: String, path: String) -> @Sendable (ProgressMessage) throws -> Void {
        { message in
            if let error = message.errorDetail?.message ?? message.error {
                throw EngineError.stream(error, method: method, path: path)
            }
        }
    }

    func progressStream(_ response: EngineResponse) -> AsyncThrowingStream<ProgressMessage, any Error> {
        stream(response, JSONLines<ProgressMessage>(
            method: response.method, path: response.path,
            check: Self.progressCheck(method: response.method, path: response.path)))
    }
}
