import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing
@testable import LoadBalancer

/// Logs go nowhere unless LB_TEST_LOG is set (then: that level, to stderr).
let testLogger: Logger = {
    var logger = Logger(label: "lb-test") { label in
        guard let level = ProcessInfo.processInfo.environment["LB_TEST_LOG"] else { return SwiftLogNoOpLogHandler() }
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = Logger.Level(rawValue: level) ?? .debug
        return handler
    }
    logger.logLevel = .trace
    return logger
}()

/// A TCP server that greets each connection with "<id>\n", echoes what it reads, and answers
/// an EOF with "EOF\n" and a close, so a test can see that a half-close went through.
final class IdentServer: Sendable {
    let id: String
    let channel: any Channel

    var port: Int { channel.localAddress!.port! }
    var backend: Backend { Backend(id: id, host: "127.0.0.1", port: port) }

    private init(id: String, channel: any Channel) {
        self.id = id
        self.channel = channel
    }

    /// `hangUp`: close right after the greeting, like a server that refuses politely.
    static func start(id: String, hangUp: Bool = false) async throws -> IdentServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdentHandler(id: id, hangUp: hangUp))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return IdentServer(id: id, channel: channel)
    }

    func stop() async {
        try? await channel.close()
    }
}

final class IdentHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let id: String
    let hangUp: Bool

    init(id: String, hangUp: Bool) {
        self.id = id
        self.hangUp = hangUp
    }

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        let hangUp = self.hangUp
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "\(id)\n"))).whenComplete { _ in
            if hangUp { channel.close(promise: nil) }
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.write(data, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "EOF\n"))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// A port that refuses connections: bound once, then closed.
func closedPort() async throws -> Int {
    let server = try await IdentServer.start(id: "gone")
    let port = server.port
    await server.stop()
    return port
}

/// A UDP server that answers each datagram with "<id>:<payload>".
final class UDPIdentServer: Sendable {
    let id: String
    let channel: any Channel

    var port: Int { channel.localAddress!.port! }
    var backend: Backend { Backend(id: id, host: "127.0.0.1", port: port) }

    private init(id: String, channel: any Channel) {
        self.id = id
        self.channel = channel
    }

    static func start(id: String) async throws -> UDPIdentServer {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UDPIdentHandler(id: id))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return UDPIdentServer(id: id, channel: channel)
    }

    func stop() async {
        try? await channel.close()
    }
}

final class UDPIdentHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>
    let id: String

    init(id: String) { self.id = id }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        var reply = ByteBuffer(string: "\(id):")
        reply.writeImmutableBuffer(envelope.data)
        context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: reply)), promise: nil)
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Polls until the condition holds; the bound only keeps a broken test from hanging.
func eventually(_ what: String, within bound: Duration = .seconds(15), _ condition: () -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + bound
    while !condition() {
        guard clock.now < deadline else { throw TimedOut(what: what) }
        try await clock.sleep(for: .milliseconds(5))
    }
}

/// A started TCP balancer on 127.0.0.1:0.
func startBalancer(
    _ proto: ListenerSpec.Proto = .tcp,
    backends: [Backend] = [],
    configuration: BalancerConfiguration = BalancerConfiguration()
) async throws -> Balancer {
    let balancer = Balancer(
        listener: ListenerSpec(host: "127.0.0.1", port: 0, proto: proto, targetPort: 80),
        logger: testLogger, configuration: configuration)
    balancer.setBackends(backends)
    try await balancer.start()
    return balancer
}
