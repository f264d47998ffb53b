import NIOCore
import NIOPosix

/// A TCP client for tests: collects what arrives and lets a test wait (boundedly) for lines or EOF.
final class TestClient: Sendable {
    let channel: any Channel
    private let inbox: Inbox

    private init(channel: any Channel, inbox: Inbox) {
        self.channel = channel
        self.inbox = inbox
    }

    static func connect(port: Int) async throws -> TestClient {
        let inbox = Inbox()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(inbox)
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        return TestClient(channel: channel, inbox: inbox)
    }

    func send(_ text: String) async throws {
        try await send(ByteBuffer(string: text))
    }

    func send(_ buffer: ByteBuffer) async throws {
        try await channel.writeAndFlush(buffer)
    }

    func closeWrite() async throws {
        try await channel.close(mode: .output)
    }

    func close() async {
        try? await channel.close()
    }

    /// The next line, without its "\n".
    func readLine(within bound: TimeAmount = .seconds(15)) async throws -> String {
        let inbox = self.inbox
        return try await wait("a line", within: bound) { inbox.takeLine() }
    }

    /// Everything not yet taken, once the peer has sent EOF (or closed).
    func readToEOF(within bound: TimeAmount = .seconds(30)) async throws -> ByteBuffer {
        let inbox = self.inbox
        return try await wait("EOF", within: bound) { inbox.eof ? inbox.takeAll() : nil }
    }

    private func wait<T: Sendable>(_ what: String, within bound: TimeAmount, _ take: @escaping @Sendable () -> T?) async throws -> T {
        let eventLoop = channel.eventLoop
        let inbox = self.inbox
        return try await eventLoop.flatSubmit {
            let promise = eventLoop.makePromise(of: T.self)
            inbox.addWaiter {
                guard let value = take() else { return false }
                promise.succeed(value)
                return true
            }
            let timeout = eventLoop.scheduleTask(in: bound) { promise.fail(TimedOut(what: what)) }
            promise.futureResult.whenComplete { _ in timeout.cancel() }
            return promise.futureResult
        }.get()
    }
}

/// Touched only on the channel's event loop.
final class Inbox: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private var received = ByteBuffer()
    private(set) var eof = false
    private var waiters: [() -> Bool] = []

    func addWaiter(_ waiter: @escaping () -> Bool) {
        if !waiter() { waiters.append(waiter) }
    }

    func takeLine() -> String? {
        guard let newline = received.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let length = newline - received.readerIndex
        let line = received.readString(length: length)
        received.moveReaderIndex(forwardBy: 1)
        return line
    }

    func takeAll() -> ByteBuffer {
        let all = received
        received = ByteBuffer()
        return all
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received.writeBuffer(&buffer)
        check()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event {
            eof = true
            check()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        eof = true
        check()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset counts as the end of the stream here.
        context.close(promise: nil)
    }

    private func check() {
        waiters.removeAll { $0() }
    }
}

/// A UDP client socket on 127.0.0.1 with its own source port: one balancer session.
final class UDPTestClient: Sendable {
    let channel: any Channel
    private let inbox: DatagramInbox

    private init(channel: any Channel, inbox: DatagramInbox) {
        self.channel = channel
        self.inbox = inbox
    }

    static func open() async throws -> UDPTestClient {
        let inbox = DatagramInbox()
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(inbox)
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return UDPTestClient(channel: channel, inbox: inbox)
    }

    /// Sends and waits for the reply to `text` (an ident server answers `id:text`); resends now and then,
    /// since UDP may drop. A late answer to an earlier resend (`u1:a` while waiting for `b`) is skipped.
    func roundTrip(_ text: String, port: Int, within bound: Duration = .seconds(15)) async throws -> String {
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
        let clock = ContinuousClock()
        let deadline = clock.now + bound
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(string: text)))
        var sent = clock.now
        while true {
            let reply = try await channel.eventLoop.submit { self.inbox.take() }.get()
            if let reply, reply.hasSuffix(":" + text) { return reply }
            if reply != nil { continue }
            guard clock.now < deadline else { throw TimedOut(what: "a udp reply") }
            if clock.now - sent > .seconds(1) {
                try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(string: text)))
                sent = clock.now
            }
            try await clock.sleep(for: .milliseconds(5))
        }
    }

    func close() async {
        try? await channel.close()
    }
}

final class DatagramInbox: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private var replies: [String] = []

    func take() -> String? {
        replies.isEmpty ? nil : replies.removeFirst()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        replies.append(String(buffer: unwrapInboundIn(data).data))
    }
}
