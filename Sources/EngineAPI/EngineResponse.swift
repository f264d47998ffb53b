import NIOCore
import NIOHTTP1

/// A response whose body is read on demand. The connection returns to the pool once the body is fully
/// read; a response dropped half-read closes its connection instead (it cannot be reused mid-body).
final class EngineResponse: @unchecked Sendable {
    let head: HTTPResponseHead
    let method: String
    let path: String
    private var connection: HTTPConnection?
    private let pool: ConnectionPool?
    private var finished = false

    init(head: HTTPResponseHead, method: String, path: String, connection: HTTPConnection, pool: ConnectionPool?) {
        self.head = head; self.method = method; self.path = path
        self.connection = connection; self.pool = pool
    }

    deinit {
        if !finished { connection?.close() }
    }

    var status: Int { Int(head.status.code) }
    var isSuccess: Bool { (200..<300).contains(status) }

    func header(_ name: String) -> String? { head.headers.first(name: name) }

    /// The next piece of the body, or nil at its end.
    func nextChunk() async throws -> ByteBuffer? {
        guard !finished, let connection else { return nil }
        while true {
            guard let part = try await connection.readPart() else {
                finished = true
                self.connection = nil
                // A body delimited by close is complete at EOF; otherwise the daemon hung up mid-body.
                throw EngineError.connection("the Docker daemon closed the connection in the middle of a response",
                                             method: method, path: path)
            }
            switch part {
            case .body(let buffer):
                if buffer.readableBytes > 0 { return buffer }
            case .end:
                finished = true
                self.connection = nil
                // A body delimited by EOF (hijack-style exec output) leaves nothing to reuse.
                let delimited = head.headers.contains(name: "Content-Length")
                    || head.headers[canonicalForm: "Transfer-Encoding"].contains("chunked")
                    || status == 204 || status == 304
                if head.isKeepAlive, delimited, let pool { pool.give(connection) } else { connection.close() }
                return nil
            case .head:
                throw EngineError.connection("unexpected second response head", method: method, path: path)
            }
        }
    }

    /// The whole body; for ordinary JSON answers only.
    func collect(limit: Int = 256 << 20) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = try await nextChunk() {
            bytes.append(contentsOf: chunk.readableBytesView)
            if bytes.count > limit {
                throw EngineError.connection("the Docker daemon's answer exceeds \(limit) bytes", method: method, path: path)
            }
        }
        return bytes
    }

    /// Closes the connection without reading the rest of the body.
    func cancel() {
        if !finished {
            finished = true
            connection?.close()
            connection = nil
        }
    }
}
