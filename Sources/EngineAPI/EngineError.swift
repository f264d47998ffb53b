import Foundation

/// Every failure of the Engine client. Branch on `isNotFound`, `isConflict`, `isUnreachable`, or `status`.
public struct EngineError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable, Equatable {
        /// The daemon answered with a non-2xx status.
        case daemon
        /// The socket or port cannot be reached.
        case unreachable
        /// The connection broke or the daemon answered something we cannot parse.
        case connection
        /// A 2xx JSON answer did not decode.
        case decoding
        /// An `error` line inside a 200 progress stream (pull, push, build).
        case stream
        case invalidHost
        case tls
        case invalidArgument
    }

    private let code: Code
    /// HTTP status of the daemon's answer, when there was one.
    public let status: Int?
    /// The daemon's `message`, or what went wrong.
    public let message: String
    /// "GET", "POST", ... when the error is about one request.
    public let method: String?
    /// The request path (with the version prefix), when the error is about one request.
    public let path: String?

    private init(_ code: Code, status: Int? = nil, message: String, method: String? = nil, path: String? = nil) {
        self.code = code; self.status = status; self.message = message; self.method = method; self.path = path
    }

    public var isNotFound: Bool { code == .daemon && status == 404 }
    public var isConflict: Bool { code == .daemon && status == 409 }
    /// 304: the container was already started/stopped.
    public var isNotModified: Bool { code == .daemon && status == 304 }
    public var isUnreachable: Bool { code == .unreachable }
    /// An error reported inside a 200 pull/push/build stream.
    public var isStreamError: Bool { code == .stream }
    public var isDecodingError: Bool { code == .decoding }

    public var description: String {
        let request = method.map { m in path.map { "\(m) \($0)" } ?? m }
        switch code {
        case .daemon:
            let where_ = request.map { " (\($0))" } ?? ""
            return "Docker daemon error \(status ?? 0)\(where_): \(message)"
        case .stream:
            return "Docker daemon reported an error\(request.map { " during \($0)" } ?? ""): \(message)"
        case .decoding:
            return "cannot decode the Docker daemon's answer\(request.map { " to \($0)" } ?? ""): \(message)"
        case .unreachable, .connection, .invalidHost, .tls, .invalidArgument:
            return message
        }
    }

    // MARK: constructors

    /// A daemon answer with `status` and `message`, as the client would raise it; for fakes in other
    /// targets' tests (e.g. a 404 to exercise an `isNotFound` branch).
    public static func daemonAnswer(status: Int, message: String, method: String = "GET", path: String = "/") -> EngineError {
        EngineError(.daemon, status: status, message: message, method: method, path: path)
    }

    static func daemon(status: Int, body: [UInt8], method: String, path: String) -> EngineError {
        EngineError(.daemon, status: status, message: daemonMessage(from: body, status: status),
                    method: method, path: path)
    }

    static func stream(_ message: String, method: String, path: String) -> EngineError {
        EngineError(.stream, message: message, method: method, path: path)
    }

    static func decoding(_ error: any Error, method: String, path: String) -> EngineError {
        EngineError(.decoding, message: "\(error)", method: method, path: path)
    }

    static func unreachable(host: EngineHost, dockerHostValue: String?, reason: String) -> EngineError {
        let setting = dockerHostValue.map { "DOCKER_HOST=\($0)" } ?? "DOCKER_HOST is unset, using \(host)"
        return EngineError(.unreachable, message:
            "cannot connect to the Docker daemon at \(host) (\(setting)): \(reason); is the Docker daemon running? "
            + "start it with 'sudo dockerd' or 'sudo systemctl start docker', or point DOCKER_HOST at a running daemon")
    }

    static func connection(_ message: String, method: String? = nil, path: String? = nil) -> EngineError {
        EngineError(.connection, message: message, method: method, path: path)
    }

    static func invalidHost(_ value: String, reason: String) -> EngineError {
        EngineError(.invalidHost, message: "invalid DOCKER_HOST '\(value)': \(reason)")
    }

    static func tls(_ message: String) -> EngineError {
        EngineError(.tls, message: message)
    }

    static func invalidArgument(_ message: String) -> EngineError {
        EngineError(.invalidArgument, message: message)
    }

    /// The daemon answers errors as `{"message": "..."}`; anything else is shown as text.
    static func daemonMessage(from body: [UInt8], status: Int) -> String {
        struct Body: Decodable { var message: String? }
        if let decoded = try? JSONDecoder().decode(Body.self, from: Data(body)), let m = decoded.message {
            return m
        }
        let text = String(decoding: body, as: UTF8.self).trimmingWhitespace()
        return text.isEmpty ? "HTTP \(status) with an empty body" : text
    }
}
