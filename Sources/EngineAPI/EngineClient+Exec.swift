import NIOCore

extension EngineClient {
    /// `POST /containers/{id}/exec`; returns the exec id.
    public func createExec(container: String, body: ExecCreateBody) async throws -> String {
        try await decode(IDResponse.self, from: request(.POST, "/containers/\(Self.segment(container))/exec", body: .json(body))).id
    }

    /// `POST /exec/{id}/start`, not interactive: the output streams back (demultiplexed unless `tty`) until
    /// the process ends; then `inspectExec` has the exit code. With `detach` the stream is empty.
    public func startExec(_ id: String, detach: Bool = false, tty: Bool = false) async throws -> AsyncThrowingStream<LogChunk, any Error> {
        struct Body: Encodable { var Detach: Bool; var Tty: Bool }
        let response = try await checked(request(.POST, "/exec/\(Self.segment(id))/start",
                                                 body: .json(Body(Detach: detach, Tty: tty))))
        return stream(response, DemuxedChunks(tty: tty))
    }

    /// `GET /exec/{id}/json` (`exitCode` once the process ended).
    public func inspectExec(_ id: String) async throws -> ExecInspect {
        try await decode(ExecInspect.self, from: request(.GET, "/exec/\(Self.segment(id))/json"))
    }

    /// `POST /exec/{id}/start` hijacked: a duplex byte stream to the process (`exec -it`).
    /// Create the exec with `attachStdin: true` (and `tty` as passed here).
    public func attachExec(_ id: String, tty: Bool) async throws -> HijackedConnection {
        struct Body: Encodable { var Detach: Bool; var Tty: Bool }
        return try await hijack(path: "/exec/\(Self.segment(id))/start", query: [],
                                body: try Self.jsonText(Body(Detach: false, Tty: tty)), tty: tty)
    }

    /// `POST /exec/{id}/resize` (TTY sessions).
    public func resizeExec(_ id: String, height: Int, width: Int) async throws {
        try await drain(request(.POST, "/exec/\(Self.segment(id))/resize",
                                query: [("h", String(height)), ("w", String(width))]))
    }

    /// `POST /containers/{id}/attach` hijacked. `tty` must match the container's `Config.Tty`.
    public func attachContainer(_ id: String, tty: Bool, stdin: Bool = true, stdout: Bool = true,
                                stderr: Bool = true, logs: Bool = false, detachKeys: String? = nil) async throws -> HijackedConnection {
        var query: [(String, String)] = [
            ("stream", "1"), ("stdin", stdin ? "1" : "0"), ("stdout", stdout ? "1" : "0"),
            ("stderr", stderr ? "1" : "0"), ("logs", logs ? "1" : "0"),
        ]
        if let detachKeys { query.append(("detachKeys", detachKeys)) }
        return try await hijack(path: "/containers/\(Self.segment(id))/attach", query: query, body: nil, tty: tty)
    }

    /// `POST /containers/{id}/resize` (TTY containers).
    public func resizeContainer(_ id: String, height: Int, width: Int) async throws {
        try await drain(request(.POST, "/containers/\(Self.segment(id))/resize",
                                query: [("h", String(height)), ("w", String(width))]))
    }

    /// Sends the request by hand on a fresh raw connection, reads the head up to the blank line, and hands
    /// the rest of the connection over. (NIO's typed upgrader cannot send a body, which exec start needs.)
    func hijack(path: String, query: [(String, String)], body: String?, tty: Bool) async throws -> HijackedConnection {
        let fullPath = try await "/v\(apiVersion())\(path)"
        let target = fullPath + Self.queryString(query)
        let (channel, reader) = try await connector.connectRaw()
        do {
            var text = "POST \(target) HTTP/1.1\r\nHost: \(host.hostHeader)\r\nUser-Agent: swiftcompose\r\n"
            text += "Connection: Upgrade\r\nUpgrade: tcp\r\n"
            let bodyBytes = Array((body ?? "").utf8)
            if body != nil { text += "Content-Type: application/json\r\n" }
            text += "Content-Length: \(bodyBytes.count)\r\n\r\n"
            try await channel.writeAndFlush(ByteBuffer(bytes: Array(text.utf8) + bodyBytes)).get()

            var received: [UInt8] = []
            var headEnd: Int?
            while headEnd == nil {
                guard let buffer = try await readNext(channel: channel, reader: reader) else {
                    throw EngineError.connection("the Docker daemon closed the connection before answering", method: "POST", path: fullPath)
                }
                received.append(contentsOf: buffer.readableBytesView)
                headEnd = HTTPHead.endOfHead(in: received)
                if headEnd == nil && received.count > 64 << 10 {
                    throw EngineError.connection("the Docker daemon's response head is too large", method: "POST", path: fullPath)
                }
            }
            let head = try HTTPHead(parsing: Array(received[..<headEnd!]), method: "POST", path: fullPath)
            var rest = Array(received[headEnd!...])
            guard head.status == 101 || head.status == 200 else {
                // An error answer (404 no such exec, 409 not running): read its body for the message.
                let length = head.contentLength ?? Int.max
                while rest.count < length && rest.count < 1 << 20,
                      let buffer = try await readNext(channel: channel, reader: reader) {
                    rest.append(contentsOf: buffer.readableBytesView)
                }
                channel.close(promise: nil)
                throw EngineError.daemon(status: head.status, body: Array(rest.prefix(length)), method: "POST", path: fullPath)
            }
            return HijackedConnection(channel: channel, reader: reader, leftover: rest, tty: tty)
        } catch {
            channel.close(promise: nil)
            if Self.isTLSFailure(error) {
                throw EngineError.tls("TLS with the Docker daemon at \(host) failed: \(error); check DOCKER_CERT_PATH")
            }
            throw error
        }
    }
}

/// The status line and headers of a hand-read HTTP response head (bytes, since "\r\n" is one Character).
struct HTTPHead: Equatable {
    var status: Int
    var headers: [(String, String)]

    static func == (a: HTTPHead, b: HTTPHead) -> Bool {
        a.status == b.status && a.headers.elementsEqual(b.headers, by: { $0 == $1 })
    }

    /// Index just past the `\r\n\r\n` ending the head, if present.
    static func endOfHead(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4)
        where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i + 4
        }
        return nil
    }

    init(parsing head: [UInt8], method: String, path: String) throws {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < head.count {
            if head[i] == 13, i + 1 < head.count, head[i + 1] == 10 {
                lines.append(current); current = []; i += 2
            } else {
                current.append(head[i]); i += 1
            }
        }
        if !current.isEmpty { lines.append(current) }
        let statusLine = String(decoding: lines.first ?? [], as: UTF8.self)
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let code = Int(parts[1]) else {
            throw EngineError.connection("malformed status line from the Docker daemon: \(statusLine)", method: method, path: path)
        }
        status = code
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingWhitespace()
            return (name, value)
        }
    }

    var contentLength: Int? {
        headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) }
    }
}
