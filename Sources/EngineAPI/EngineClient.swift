import Foundation
import NIOCore
import NIOPosix
import NIOHTTP1
import NIOSSL

/// Client of the Docker Engine API, built directly on SwiftNIO (NIOPosix + NIOHTTP1).
///
/// Not on async-http-client on purpose: it cannot hand over a hijacked connection (it closes on 101), which
/// `exec -it` and `attach` need, it sends no `Host` header on unix sockets, its default read timeout cuts
/// idle `events`/`logs -f` streams, and it builds slowly here.
///
/// Connections are HTTP/1.1 keep-alive, kept in a small pool per client. The API version is negotiated
/// once (`GET /version`), then every path is prefixed with `/v<min(daemon, newestSupported)>`.
public final class EngineClient: Sendable {
    public let host: EngineHost
    let connector: Connector
    let pool: ConnectionPool
    private let negotiated: Locked<APIVersion?>
    /// The one negotiation in flight: a command's first requests go out together, and each asked
    /// `GET /version` on its own connection before (5 round trips before a no-op `up` could list).
    private let negotiation = Locked<Task<APIVersion, any Error>?>(nil)

    /// - Parameters:
    ///   - host: where the daemon listens.
    ///   - tls: certificates for a `tcp://` daemon; nil for plain TCP or a unix socket.
    ///   - apiVersion: speak this version instead of negotiating (`DOCKER_API_VERSION`).
    ///   - dockerHostValue: the `DOCKER_HOST` text the host came from, quoted in connection errors.
    ///   - maximumIdleConnections: keep-alive connections kept for reuse (0 disables reuse).
    public init(host: EngineHost = .default, tls: EngineTLS? = nil, apiVersion: APIVersion? = nil,
                dockerHostValue: String? = nil, maximumIdleConnections: Int = 8) throws {
        self.host = host
        self.pool = ConnectionPool(maximumIdle: maximumIdleConnections)
        let sslContext: NIOSSLContext?
        if let tls, case .tcp = host {
            sslContext = try tls.makeContext()
        } else {
            sslContext = nil
        }
        self.connector = Connector(host: host, dockerHostValue: dockerHostValue, sslContext: sslContext,
                                   group: MultiThreadedEventLoopGroup.singleton)
        self.negotiated = Locked(apiVersion)
    }

    /// Reads `DOCKER_HOST` (default `unix:///var/run/docker.sock`), `DOCKER_TLS_VERIFY` (non-empty: TLS
    /// with verification), `DOCKER_CERT_PATH` (default `~/.docker`) and `DOCKER_API_VERSION`.
    public static func fromEnvironment() throws -> EngineClient {
        try fromEnvironment(ProcessInfo.processInfo.environment)
    }

    /// `fromEnvironment()` with an explicit environment (tests, `--host` overrides).
    public static func fromEnvironment(_ env: [String: String]) throws -> EngineClient {
        let tlsVerify = !(env["DOCKER_TLS_VERIFY"] ?? "").isEmpty
        let dockerHost = env["DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 }
        let host = try EngineHost(parsing: dockerHost ?? "", tls: tlsVerify)
        var tls: EngineTLS?
        if tlsVerify {
            let home = env["HOME"] ?? NSHomeDirectory()
            let certPath = env["DOCKER_CERT_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.docker"
            tls = EngineTLS(certificateDirectory: certPath, verify: true)
        }
        var pinned: APIVersion?
        if let text = env["DOCKER_API_VERSION"], !text.isEmpty {
            guard let version = APIVersion(text) else {
                throw EngineError.invalidArgument("invalid DOCKER_API_VERSION '\(text)': expected e.g. 1.41")
            }
            pinned = version
        }
        return try EngineClient(host: host, tls: tls, apiVersion: pinned, dockerHostValue: dockerHost)
    }

    deinit {
        pool.closeAll()
    }

    /// Closes idle pooled connections (open streams keep theirs).
    public func shutdown() {
        pool.closeAll()
    }

    /// The API version in use, negotiating it on first use.
    public func apiVersion() async throws -> APIVersion {
        if let version = negotiated.withLock({ $0 }) { return version }
        let task = negotiation.withLock { current in
            if let current { return current }
            let started = Task { try await self.negotiate() }
            current = started
            return started
        }
        do {
            return try await task.value
        } catch {
            negotiation.withLock { $0 = nil }  // a later request tries again
            throw error
        }
    }

    /// From `GET /_ping`'s `API-Version` header, as the docker CLI negotiates: dockerd answers it at
    /// once, while `GET /version` also asks containerd (0.4 ms against 6 ms on dockerd 20.10).
    /// `/version`, which also gives the daemon's minimum, when the ping does not say.
    private func negotiate() async throws -> APIVersion {
        var daemon: APIVersion?
        var minimum: APIVersion?
        do {
            daemon = try await ping().apiVersion.flatMap(APIVersion.init)
        } catch let error as EngineError where error.isUnreachable {
            throw error
        } catch {
            // Something in front of the daemon that does not know `/_ping`: ask `/version`.
        }
        if daemon == nil {
            let answer: SystemVersion = try await decode(
                SystemVersion.self, from: request(.GET, "/version", versioned: false))
            guard let text = answer.apiVersion, let version = APIVersion(text) else {
                throw EngineError.connection("the Docker daemon did not report its API version in GET /version")
            }
            daemon = version
            minimum = answer.minAPIVersion.flatMap(APIVersion.init)
        }
        let chosen = try APIVersion.negotiate(daemon: daemon!, daemonMinimum: minimum)
        negotiated.withLock { $0 = chosen }
        return chosen
    }
}

// MARK: - Requests

/// A request body: nothing, bytes, or a producer that streams chunks (sent chunked).
enum RequestBody: Sendable {
    case none
    case bytes([UInt8], contentType: String)
    case stream(contentType: String, @Sendable (_ write: @Sendable ([UInt8]) async throws -> Void) async throws -> Void)

    static func json(_ value: some Encodable) throws -> RequestBody {
        do {
            return .bytes(Array(try JSONEncoder().encode(value)), contentType: "application/json")
        } catch {
            throw EngineError.invalidArgument("cannot encode the request body: \(error)")
        }
    }

    var isReplayable: Bool {
        if case .stream = self { return false }
        return true
    }
}

extension EngineClient {
    /// Sends one request and returns once the response head arrived; the body is read on demand.
    func request(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
                 headers: [(String, String)] = [], body: RequestBody = .none,
                 versioned: Bool = true) async throws -> EngineResponse {
        let fullPath = try await versioned ? "/v\(apiVersion())\(path)" : path
        let target = fullPath + Self.queryString(query)
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: target)
        head.headers.add(name: "Host", value: host.hostHeader)
        head.headers.add(name: "User-Agent", value: "swiftcompose")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        switch body {
        case .none:
            if method == .POST || method == .PUT { head.headers.add(name: "Content-Length", value: "0") }
        case .bytes(let bytes, let contentType):
            head.headers.add(name: "Content-Type", value: contentType)
            head.headers.add(name: "Content-Length", value: String(bytes.count))
        case .stream(let contentType, _):
            head.headers.add(name: "Content-Type", value: contentType)
            head.headers.add(name: "Transfer-Encoding", value: "chunked")
        }

        // A pooled connection may have been closed by the daemon while idle; when that shows before any
        // answer, retry once on a fresh one (only if the body can be sent again).
        var attempt = 0
        while true {
            attempt += 1
            let pooled = attempt == 1 ? pool.take() : nil
            let connection: HTTPConnection
            if let pooled { connection = pooled } else { connection = try await connector.connectHTTP() }
            do {
                return try await exchange(head: head, body: body, on: connection, method: method.rawValue, path: fullPath)
            } catch let error as StaleConnection {
                connection.close()
                if let underlying = error.underlying, Self.isTLSFailure(underlying) {
                    throw EngineError.tls("TLS with the Docker daemon at \(host) failed: \(underlying); check that DOCKER_CERT_PATH holds ca.pem (the CA that signed the daemon's certificate), cert.pem and key.pem for this daemon")
                }
                if pooled != nil && attempt == 1 && body.isReplayable { continue }
                throw EngineError.connection("the Docker daemon closed the connection: \(error.underlying.map { "\($0)" } ?? "no answer")",
                                             method: method.rawValue, path: fullPath)
            } catch {
                connection.close()
                throw error
            }
        }
    }

    private struct StaleConnection: Error { var underlying: (any Error)? }

    static func isTLSFailure(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError
    }

    private func exchange(head: HTTPRequestHead, body: RequestBody, on connection: HTTPConnection,
                          method: String, path: String) async throws -> EngineResponse {
        // A write can fail because the daemon already answered and closed (an early error while we
        // upload, or a close-delimited answer): an answer that arrived still wins over the write error.
        var writeError: (any Error)?
        do {
            try await connection.write(.head(head))
            switch body {
            case .none: break
            case .bytes(let bytes, _):
                if !bytes.isEmpty { try await connection.write(.body(.byteBuffer(ByteBuffer(bytes: bytes)))) }
            case .stream(_, let produce):
                try await produce { chunk in
                    if !chunk.isEmpty { try await connection.write(.body(.byteBuffer(ByteBuffer(bytes: chunk)))) }
                }
            }
            try await connection.write(.end(nil))
        } catch let error as EngineError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            writeError = error
        }
        let part: HTTPClientResponsePart?
        do {
            part = try await connection.readPart()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw StaleConnection(underlying: writeError ?? error)
        }
        guard let part else { throw StaleConnection(underlying: writeError) }
        guard case .head(let responseHead) = part else {
            throw EngineError.connection("the Docker daemon sent a body before the response head", method: method, path: path)
        }
        return EngineResponse(head: responseHead, method: method, path: path, connection: connection, pool: pool)
    }

    /// Throws the daemon's error unless the status is 2xx (or in `alsoAccept`).
    @discardableResult
    func checked(_ response: EngineResponse, alsoAccept: Set<Int> = []) async throws -> EngineResponse {
        if response.isSuccess || alsoAccept.contains(response.status) { return response }
        let body = (try? await response.collect(limit: 1 << 20)) ?? []
        throw EngineError.daemon(status: response.status, body: body, method: response.method, path: response.path)
    }

    /// Checks the status, then decodes the whole body as JSON.
    func decode<T: Decodable>(_ type: T.Type, from response: EngineResponse) async throws -> T {
        try await checked(response)
        let body = try await response.collect()
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw EngineError.decoding(error, method: response.method, path: response.path)
        }
    }

    /// Checks the status and reads the body to its end, keeping the connection reusable.
    func drain(_ response: EngineResponse, alsoAccept: Set<Int> = []) async throws {
        try await checked(response, alsoAccept: alsoAccept)
        while try await response.nextChunk() != nil {}
    }

    static func queryString(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    static func percentEncode(_ text: String, keeping extra: Set<UInt8> = []) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                if extra.contains(byte) {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
        }
        return out
    }

    /// A path segment (container id or name, image reference with `/` and `:`).
    static func segment(_ text: String) -> String {
        percentEncode(text, keeping: [UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "@")])
    }

    /// `filters` as the daemon wants it: `{"label":["a=b"]}`.
    static func filtersQuery(_ filters: [String: [String]]) throws -> [(String, String)] {
        guard !filters.isEmpty else { return [] }
        let data = try JSONEncoder().encode(filters)
        return [("filters", String(decoding: data, as: UTF8.self))]
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
