import Logging
import NIOCore
import NIOPosix

/// First handler of an accepted client: picks a backend, connects (trying the next one when a
/// connect fails), then glues the two channels together and leaves the pipeline. The client
/// channel starts with autoRead off, so normally nothing is read before a backend is there; but
/// NIO reads a socket to its end when the peer's FIN shows up (EPOLLRDHUP) whatever autoRead
/// says, so bytes and the EOF seen meanwhile are kept and passed on once the glue is in place.
final class TCPConnector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let table: BackendTable
    private let configuration: BalancerConfiguration
    private let logger: Logger
    private var context: ChannelHandlerContext?
    private var connection: UInt64 = 0
    private var tried: Set<String> = []
    private var waitDeadline = NIODeadline.now()
    private var finished = false
    private var early: [NIOAny] = []
    private var earlyEOF = false

    /// How often a client held while there are no backends looks again.
    private static let noBackendPoll = TimeAmount.milliseconds(50)

    init(table: BackendTable, configuration: BalancerConfiguration, logger: Logger) {
        self.table = table
        self.configuration = configuration
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        let table = self.table
        let connection = table.register(channel: context.channel)
        self.connection = connection
        context.channel.closeFuture.whenComplete { _ in table.unregister(connection) }
        waitDeadline = .now() + TimeAmount(configuration.noBackendWait)
        tryNext()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        finished = true
        early = []
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        early.append(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event {
            earlyEOF = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func tryNext() {
        guard let context, !finished else { return }
        switch table.pick(for: connection, excluding: tried) {
        case .backend(let backend, let address):
            tried.insert(backend.id)
            connect(to: backend, address: address, eventLoop: context.eventLoop)
        case .none:
            if tried.isEmpty && NIODeadline.now() < waitDeadline {
                // No backend at all yet (scale-up from zero, restart): hold the client a little.
                context.eventLoop.assumeIsolated().scheduleTask(in: Self.noBackendPoll) { self.tryNext() }
                return
            }
            finished = true
            table.noteRejected()
            logger.debug("closing client: no backend available", metadata: ["tried": "\(tried.sorted())"])
            context.close(promise: nil)
        }
    }

    private func connect(to backend: Backend, address: SocketAddress?, eventLoop: any EventLoop) {
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelOption(.autoRead, value: false)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(EarlyInputBuffer())
                }
            }
        let future = address.map { bootstrap.connect(to: $0) } ?? bootstrap.connect(host: backend.host, port: backend.port)
        future.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel):
                self.glue(to: channel, backend: backend)
            case .failure(let error):
                let firstFailure = self.table.connectFailed(self.connection)
                let metadata: Logger.Metadata = [
                    "backend": "\(backend.id)", "address": "\(formatAddress(host: backend.host, port: backend.port))",
                    "error": "\(describe(error))",
                ]
                if firstFailure {
                    self.logger.warning("backend connect failed; routing around it", metadata: metadata)
                } else {
                    self.logger.debug("backend connect failed", metadata: metadata)
                }
                self.tryNext()
            }
        }
    }

    private func glue(to backendChannel: any Channel, backend: Backend) {
        guard let context, !finished, context.channel.isActive else {
            backendChannel.close(promise: nil)
            return
        }
        finished = true
        let client = context.channel
        let (clientSide, backendSide) = GlueHandler.matchedPair(closeLinger: TimeAmount(configuration.closeLinger))
        do {
            try backendChannel.pipeline.syncOperations.addHandler(backendSide)
            try context.pipeline.syncOperations.addHandler(clientSide)
            if !early.isEmpty {
                for data in early { context.fireChannelRead(data) }
                early = []
                context.fireChannelReadComplete()
            }
            if earlyEOF {
                context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            }
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            // Only now: both glue halves must be in place before anything passes between them.
            try backendChannel.pipeline.syncOperations.handler(type: EarlyInputBuffer.self)
                .release(in: backendChannel.pipeline.syncOperations)
            try client.syncOptions?.setOption(.autoRead, value: true)
            try backendChannel.syncOptions?.setOption(.autoRead, value: true)
        } catch {
            logger.debug("cannot join client and backend", metadata: ["backend": "\(backend.id)", "error": "\(error)"])
            backendChannel.close(promise: nil)
            client.close(promise: nil)
        }
    }
}

/// A short reason for a failed connect ("connection refused").
func describe(_ error: any Error) -> String {
    if let connection = error as? NIOConnectionError, let first = connection.connectionErrors.first {
        return describe(first.error)
    }
    if let io = error as? IOError { return io.description }
    if case ChannelError.connectTimeout = error { return "connect timed out" }
    return "\(error)"
}
