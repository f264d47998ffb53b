import NIOCore

/// Joins two channels on the same event loop, after NIO's connect-proxy example: bytes read on one
/// side are written to the other as the same ByteBuffers (no copies), and a side reads only while
/// its partner is writable, which is the backpressure. An EOF is passed on as a half-close; a full
/// close is passed on once the bytes queued for the partner are written.
final class GlueHandler {
    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    private let closeLinger: TimeAmount

    private init(closeLinger: TimeAmount) {
        self.closeLinger = closeLinger
    }

    static func matchedPair(closeLinger: TimeAmount) -> (GlueHandler, GlueHandler) {
        let first = GlueHandler(closeLinger: closeLinger)
        let second = GlueHandler(closeLinger: closeLinger)
        first.partner = second
        second.partner = first
        return (first, second)
    }

    // MARK: called by the partner

    private func partnerWrite(_ data: NIOAny) {
        context?.write(data, promise: nil)
    }

    private func partnerFlush() {
        context?.flush()
    }

    private func partnerReadEOF() {
        closeAfterQueuedWrites(mode: .output)
    }

    private func partnerClosed() {
        closeAfterQueuedWrites(mode: .all)
    }

    private func partnerBecameWritable() {
        if pendingRead {
            pendingRead = false
            context?.read()
        }
    }

    private var isWritable: Bool {
        context?.channel.isWritable ?? false
    }

    /// NIO drops queued writes on a full close, and escalates an output close to a full one when
    /// the input is already shut, so wait for an empty write: writes complete in order.
    private func closeAfterQueuedWrites(mode: CloseMode) {
        guard let context else { return }
        let channel = context.channel
        // Usually nothing is queued (writes go out at once unless the peer is slow): close now,
        // without the empty write, its promise and the linger timer, a per-connection cost.
        if let queued = try? channel.syncOptions?.getOption(.bufferedWritableBytes), queued == 0 {
            channel.close(mode: mode, promise: nil)
            return
        }
        let flushed = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(NIOAny(ByteBuffer()), promise: flushed)
        // A peer that never reads must not keep the connection forever.
        let linger = mode == .all
            ? channel.eventLoop.scheduleTask(in: closeLinger) { channel.close(promise: nil) }
            : nil
        flushed.futureResult.whenComplete { _ in
            linger?.cancel()
            channel.close(mode: mode, promise: nil)
        }
    }
}

extension GlueHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner?.partnerWrite(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.partnerFlush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.partnerClosed()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event {
            partner?.partnerReadEOF()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or similar: this side is done; the partner still gets what was read before.
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            partner?.partnerBecameWritable()
        }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if let partner, partner.isWritable {
            context.read()
        } else {
            pendingRead = true
        }
    }
}
