import Foundation
import Logging
import NIOCore
import NIOPosix

/// Handler on the UDP listener: one session per client address, each with its own connected
/// socket to the backend picked for it (least sessions), so replies come back on that socket
/// and go out of the listener to the client. Idle sessions are swept.
final class UDPRelay: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    final class Session {
        let client: SocketAddress
        let connection: UInt64
        var channel: (any Channel)?
        /// Datagrams that arrived while the backend socket was being set up.
        var pending: [ByteBuffer] = []
        var lastSeen: NIODeadline
        var tried: Set<String> = []

        init(client: SocketAddress, connection: UInt64, now: NIODeadline) {
            self.client = client
            self.connection = connection
            self.lastSeen = now
        }
    }

    private let table: BackendTable
    private let configuration: BalancerConfiguration
    private let logger: Logger
    private var sessions: [SocketAddress: Session] = [:]
    private var listener: (any Channel)?
    private var sweeper: RepeatedTask?

    /// Bounds memory per session while its socket is set up; UDP may drop.
    private static let maxPending = 64
    static let datagramCapacity = 65_536

    init(table: BackendTable, configuration: BalancerConfiguration, logger: Logger) {
        self.table = table
        self.configuration = configuration
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        listener = context.channel
        let idle = TimeAmount(configuration.udpIdleTimeout)
        let interval = TimeAmount.nanoseconds(max(min(idle.nanoseconds / 4, 5_000_000_000), 10_000_000))
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        sweeper = context.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            bound.value.sweep(idle: idle)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        closeAll()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closeAll()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let now = NIODeadline.now()
        let session: Session
        if let existing = sessions[envelope.remoteAddress] {
            session = existing
        } else {
            session = Session(client: envelope.remoteAddress, connection: table.register(channel: nil), now: now)
            sessions[envelope.remoteAddress] = session
            guard openBackend(for: session, eventLoop: context.eventLoop) else { return }
        }
        session.lastSeen = now
        if let channel = session.channel {
            // A backend socket that cannot keep up drops, as the network would.
            if channel.isWritable { channel.writeAndFlush(envelope.data, promise: nil) }
        } else if session.pending.count < Self.maxPending {
            session.pending.append(envelope.data)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors and the like on the listener are not fatal for a UDP relay.
        logger.debug("udp listener error", metadata: ["error": "\(error)"])
    }

    /// Picks a backend and starts its socket; false (and the session is gone) when there is none.
    private func openBackend(for session: Session, eventLoop: any EventLoop) -> Bool {
        guard case .backend(let backend, let address) = table.pick(for: session.connection, excluding: session.tried) else {
            if session.tried.isEmpty { table.noteRejected() }
            logger.debug("dropping udp datagram: no backend available", metadata: ["client": "\(session.client)"])
            remove(session)
            return false
        }
        session.tried.insert(backend.id)
        guard let listener else { return false }
        let client = session.client
        let bootstrap = DatagramBootstrap(group: eventLoop)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: Self.datagramCapacity))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UDPReplyHandler(listener: listener, client: client))
                }
            }
        let future = address.map { bootstrap.connect(to: $0) } ?? bootstrap.connect(host: backend.host, port: backend.port)
        future.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel):
                self.attach(channel, to: session, backend: backend)
            case .failure(let error):
                if self.table.connectFailed(session.connection) {
                    self.logger.warning("udp backend socket failed; routing around it",
                                        metadata: ["backend": "\(backend.id)", "error": "\(describe(error))"])
                }
                if self.sessions[session.client] === session {
                    _ = self.openBackend(for: session, eventLoop: eventLoop)
                }
            }
        }
        return true
    }

    private func attach(_ channel: any Channel, to session: Session, backend: Backend) {
        guard sessions[session.client] === session else {
            channel.close(promise: nil)
            return
        }
        session.channel = channel
        table.attach(session.connection, channel: channel)
        channel.closeFuture.assumeIsolated().whenComplete { _ in self.remove(session) }
        for datagram in session.pending {
            channel.write(datagram, promise: nil)
        }
        session.pending = []
        channel.flush()
        if let handler = try? channel.pipeline.syncOperations.handler(type: UDPReplyHandler.self) {
            // Replies refresh the session too.
            handler.onReply = { session.lastSeen = .now() }
            // A refused datagram (ICMP port unreachable) is the only sign of a dead UDP backend:
            // cool it down so the client's next datagram opens a session elsewhere.
            let table = self.table
            let logger = self.logger
            let backendID = backend.id
            handler.onRefused = {
                if table.connectFailed(session.connection) {
                    logger.warning("udp backend refused a datagram; routing around it", metadata: ["backend": "\(backendID)"])
                }
            }
        }
    }

    private func remove(_ session: Session) {
        if sessions[session.client] === session {
            sessions[session.client] = nil
        }
        session.pending = []
        table.unregister(session.connection)
        session.channel?.close(promise: nil)
    }

    private func sweep(idle: TimeAmount) {
        let cutoff = NIODeadline.now() - idle
        for session in sessions.values where session.lastSeen < cutoff {
            logger.trace("udp session expired", metadata: ["client": "\(session.client)"])
            remove(session)
        }
    }

    private func closeAll() {
        sweeper?.cancel()
        sweeper = nil
        for session in Array(sessions.values) {
            remove(session)
        }
    }
}

/// On a session's backend socket: replies go back out of the listener to the client.
final class UDPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let listener: any Channel
    private let client: SocketAddress
    var onReply: (() -> Void)?
    var onRefused: (() -> Void)?

    init(listener: any Channel, client: SocketAddress) {
        self.listener = listener
        self.client = client
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        onReply?()
        if listener.isWritable {
            listener.write(AddressedEnvelope(remoteAddress: client, data: envelope.data), promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        listener.flush()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ECONNREFUSED here means the backend port is closed (ICMP); end the session so the
        // client's next datagram picks another backend.
        if let io = error as? IOError, io.errnoCode == ECONNREFUSED {
            onRefused?()
        }
        context.close(promise: nil)
    }
}
