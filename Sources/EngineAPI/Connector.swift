import Foundation
import NIOCore
import NIOPosix
import NIOHTTP1
import NIOSSL
import NIOTLS

/// Opens channels to the daemon: HTTP/1.1 ones for ordinary calls, raw byte ones for hijacked sessions.
struct Connector: Sendable {
    let host: EngineHost
    /// `DOCKER_HOST` as the user wrote it, for error messages.
    let dockerHostValue: String?
    let sslContext: NIOSSLContext?
    let group: MultiThreadedEventLoopGroup

    func connectHTTP() async throws -> HTTPConnection {
        let reader = PullReader<HTTPClientResponsePart>()
        // No half-closure: a daemon EOF must make the channel inactive so the pool never reuses it.
        let channel = try await connect(halfClosure: false) { channel in
            try channel.pipeline.syncOperations.addHTTPClientHandlers()
            try channel.pipeline.syncOperations.addHandler(reader)
        }
        return HTTPConnection(channel: channel, reader: reader)
    }

    func connectRaw() async throws -> (any Channel, PullReader<ByteBuffer>) {
        let reader = PullReader<ByteBuffer>()
        // Half-closure on: after `closeWrite()` the process's output must keep flowing.
        let channel = try await connect(halfClosure: true) { channel in
            try channel.pipeline.syncOperations.addHandler(reader)
        }
        return (channel, reader)
    }

    private func connect(halfClosure: Bool, _ configure: @escaping @Sendable (any Channel) throws -> Void) async throws -> any Channel {
        let sslContext = self.sslContext
        let serverHostname: String? = {
            // SNI must not carry an IP literal; verification then uses the peer address.
            guard case .tcp(let name, _) = host else { return nil }
            return isIPAddress(name) ? nil : name
        }()
        // The TLS handshake needs reads nobody asks for yet, so TLS channels start with autoRead on and
        // turn it off once the handshake completes (see HandshakeWaiter); plain ones start pull-based.
        let handshake = Locked<EventLoopFuture<Void>?>(nil)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelOption(.autoRead, value: sslContext != nil)
            .channelOption(.allowRemoteHalfClosure, value: halfClosure)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname)
                        try channel.pipeline.syncOperations.addHandler(handler)
                        let waiter = HandshakeWaiter(promise: channel.eventLoop.makePromise())
                        handshake.withLock { $0 = waiter.promise.futureResult }
                        try channel.pipeline.syncOperations.addHandler(waiter)
                    }
                    try configure(channel)
                }
            }
        let channel: any Channel
        do {
            switch host {
            case .unix(let path):
                channel = try await bootstrap.connect(unixDomainSocketPath: path).get()
            case .tcp(let name, let port):
                channel = try await bootstrap.connect(host: name, port: port).get()
            }
        } catch {
            throw EngineError.unreachable(host: host, dockerHostValue: dockerHostValue, reason: Self.describe(error))
        }
        if let done = handshake.withLock({ $0 }) {
            do {
                try await done.get()
            } catch {
                channel.close(promise: nil)
                throw EngineError.tls("TLS handshake with the Docker daemon at \(host) failed: \(error); check that DOCKER_CERT_PATH holds ca.pem (the CA that signed the daemon's certificate), cert.pem and key.pem for this daemon")
            }
        }
        return channel
    }

    private static func describe(_ error: any Error) -> String {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ENOENT: return "no such socket file"
            case ECONNREFUSED: return "connection refused"
            case EACCES, EPERM: return "permission denied (add your user to the 'docker' group or use sudo)"
            default: return "\(io)"
            }
        }
        if let connection = error as? NIOConnectionError {
            // TCP: one error per address tried; the first says it best ("connection refused").
            if let first = connection.connectionErrors.first { return describe(first.error) }
            if let dns = connection.dnsAAAAError ?? connection.dnsAError { return "cannot resolve the host name: \(dns)" }
        }
        if case ChannelError.connectTimeout = error { return "connection timed out" }
        return "\(error)"
    }

    private func isIPAddress(_ name: String) -> Bool {
        name.contains(":") || name.split(separator: ".").count == 4 && name.allSatisfy { $0.isNumber || $0 == "." }
    }
}

/// One keep-alive HTTP/1.1 connection, used by one request at a time.
final class HTTPConnection: Sendable {
    let channel: any Channel
    private let reader: PullReader<HTTPClientResponsePart>

    init(channel: any Channel, reader: PullReader<HTTPClientResponsePart>) {
        self.channel = channel
        self.reader = reader
    }

    func write(_ part: HTTPClientRequestPart) async throws {
        try await channel.writeAndFlush(part).get()
    }

    /// The next response part, or nil when the daemon closed the connection.
    func readPart() async throws -> HTTPClientResponsePart? {
        try await readNext(channel: channel, reader: reader)
    }

    func close() {
        channel.close(promise: nil)
    }
}

/// Waits for the reader's next part; cancelling the task closes the channel so the wait ends.
func readNext<Part: Sendable>(channel: any Channel, reader: PullReader<Part>) async throws -> Part? {
    let eventLoop = channel.eventLoop
    let part = try await withTaskCancellationHandler {
        try await eventLoop.flatSubmit { reader.next(on: eventLoop) }.get()
    } onCancel: {
        channel.close(promise: nil)
    }
    try Task.checkCancellation()
    return part
}

/// Completes once TLS is up, then switches the channel to pull-based reads and leaves the pipeline.
final class HandshakeWaiter: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = NIOAny
    let promise: EventLoopPromise<Void>

    init(promise: EventLoopPromise<Void>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls {
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
            promise.succeed(())
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        promise.fail(ChannelError.ioOnClosedChannel)
    }
}
