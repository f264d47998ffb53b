import NIOCore

/// Holds what a backend channel reads before it is glued to its client. With autoRead off that
/// is nothing, except when the backend's FIN shows up: NIO then reads the socket to its end
/// anyway, and a server that greets and closes at once would otherwise lose its bytes.
final class EarlyInputBuffer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private var reads: [NIOAny] = []
    private var sawEOF = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        reads.append(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event {
            sawEOF = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Passes what was held to the handlers after it, then leaves the pipeline.
    func release(in pipeline: ChannelPipeline.SynchronousOperations) throws {
        let context = try pipeline.context(handler: self)
        if !reads.isEmpty {
            for data in reads { context.fireChannelRead(data) }
            reads = []
            context.fireChannelReadComplete()
        }
        if sawEOF {
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        }
        pipeline.removeHandler(context: context, promise: nil)
    }
}
