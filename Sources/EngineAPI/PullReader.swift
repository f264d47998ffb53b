import NIOCore

/// Pull-based inbound handler: the channel runs with `autoRead` off and reads from the socket only when a
/// consumer asks for the next part, so a streamed body (logs -f, build output, tar archives) never piles
/// up in memory when the consumer is slower than the daemon.
/// All state lives on the channel's event loop.
final class PullReader<Part: Sendable>: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = Part

    private var buffered = CircularBuffer<Part>()
    private var waiting: EventLoopPromise<Part?>?
    /// Set once the input ends: success on EOF, failure on an error.
    private var finished: Result<Void, any Error>?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        if finished == nil { finished = .success(()) }
        deliver()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        buffered.append(unwrapInboundIn(data))
        deliver()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // A read may end mid-message (the decoder produced nothing): keep reading for the waiter.
        if waiting != nil && buffered.isEmpty && finished == nil {
            context.read()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if finished == nil { finished = .success(()) }
        deliver()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            if finished == nil { finished = .success(()) }
            deliver()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if finished == nil { finished = .failure(error) }
        deliver()
        context.close(promise: nil)
    }

    /// The next inbound part, or nil at end of input. Call on the event loop, one waiter at a time.
    func next(on eventLoop: any EventLoop) -> EventLoopFuture<Part?> {
        eventLoop.assertInEventLoop()
        if let part = buffered.popFirst() {
            return eventLoop.makeSucceededFuture(part)
        }
        if let finished {
            switch finished {
            case .success: return eventLoop.makeSucceededFuture(nil)
            case .failure(let error): return eventLoop.makeFailedFuture(error)
            }
        }
        precondition(waiting == nil, "PullReader supports one waiter at a time")
        let promise = eventLoop.makePromise(of: Part?.self)
        waiting = promise
        context?.read()
        return promise.futureResult
    }

    private func deliver() {
        guard let promise = waiting else { return }
        if let part = buffered.popFirst() {
            waiting = nil
            promise.succeed(part)
        } else if let finished {
            waiting = nil
            switch finished {
            case .success: promise.succeed(nil)
            case .failure(let error): promise.fail(error)
            }
        }
    }
}
