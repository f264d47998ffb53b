import Foundation
import NIOConcurrencyHelpers
public import Logging
public import NIOCore
public import NIOPosix

/// Serves one published port in front of a service's replicas.
///
/// TCP: each client goes to the backend with the fewest open connections (ties in rotation);
/// a backend that refuses or times out is skipped for the next one, so the client sees no error,
/// and it is tried last for `failureCooldown`. UDP: each client address is a session pinned to
/// the backend with the fewest sessions. All methods may be called from any thread or task.
public final class Balancer: Sendable {
    public let listener: ListenerSpec
    let group: any EventLoopGroup
    let logger: Logger
    let configuration: BalancerConfiguration
    let table: BackendTable
    private let run = NIOLockedValueBox(RunState())

    private struct RunState {
        var started = false
        var stopped = false
        var channel: (any Channel)?
        var boundPort = 0
    }

    public init(
        listener: ListenerSpec,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        configuration: BalancerConfiguration = BalancerConfiguration()
    ) {
        self.listener = listener
        self.group = group
        var logger = logger
        logger[metadataKey: "listener"] = "\(listener.addressDescription)/\(listener.proto.rawValue)"
        self.logger = logger
        self.configuration = configuration
        self.table = BackendTable(failureCooldown: TimeAmount(configuration.failureCooldown))
    }

    /// Binds the listener. Throws `BalancerError.addressInUse` ("127.0.0.1:8080 is already in use")
    /// when the port is taken.
    public func start() async throws {
        try run.withLockedValue { state in
            guard !state.started else { throw BalancerError.alreadyStarted }
            state.started = true
        }
        let channel: any Channel
        do {
            switch listener.proto {
            case .tcp: channel = try await bindTCP()
            case .udp: channel = try await bindUDP()
            }
        } catch {
            // Not started: the caller may try again once the port is free.
            run.withLockedValue { $0.started = false }
            throw bindError(error)
        }
        let port = channel.localAddress?.port ?? listener.port
        let stoppedMeanwhile = run.withLockedValue { state in
            state.channel = channel
            state.boundPort = port
            return state.stopped
        }
        if stoppedMeanwhile {
            try? await channel.close()
            return
        }
        logger.info("listening", metadata: ["port": "\(port)", "targetPort": "\(listener.targetPort)"])
    }

    /// Closes the listener, then every connection (or UDP session). With `drainingFor`, open TCP
    /// connections first get that long to end by themselves. Safe to call more than once.
    public func stop(drainingFor timeout: Duration = .zero) async {
        let channel = run.withLockedValue { state in
            state.stopped = true
            defer { state.channel = nil }
            return state.channel
        }
        guard let channel else { return }
        try? await channel.close()
        if listener.proto == .tcp && timeout > .zero && table.connectionCount > 0 {
            logger.info("draining before stop", metadata: ["open": "\(table.connectionCount)"])
            _ = await waitUntil(timeout) { table.connectionCount == 0 }
        }
        // TCP children and UDP backend sockets; closing a client closes its backend side too.
        await Self.close(table.allChannels())
        logger.info("stopped")
    }

    /// Replaces the backend set. New ones take connections at once; missing ones take no new
    /// connections and are forgotten when their open connections end (those are not cut).
    /// An id that comes back is live again, unless it was drained with `drain(id:)`.
    public func setBackends(_ backends: [Backend]) {
        let (added, removed) = table.setBackends(backends)
        if !added.isEmpty || !removed.isEmpty {
            logger.info("backends changed", metadata: [
                "added": "\(added.sorted())", "removed": "\(removed)", "count": "\(backends.count)",
            ])
        }
    }

    /// Takes the backend out of rotation and waits until its open connections (UDP: sessions)
    /// are 0 or `timeout` passed; then closes whatever is left. Returns true if none had to be
    /// closed. It stays out of rotation until `undrain(id:)` or until `setBackends` drops it.
    /// Cancelling the waiting task returns false and leaves the connections open.
    @discardableResult
    public func drain(id: String, timeout: Duration) async -> Bool {
        guard table.setDrained(id, true) else { return true }
        logger.info("draining backend", metadata: ["backend": "\(id)", "open": "\(table.activeCount(of: id))"])
        guard await waitUntil(timeout, { table.activeCount(of: id) == 0 }) else { return false }
        let left = table.channels(routedTo: id)
        if left.isEmpty { return true }
        logger.info("drain timed out; closing connections", metadata: ["backend": "\(id)", "closing": "\(left.count)"])
        await Self.close(left)
        return false
    }

    /// Waits until `done` holds or `timeout` passed, looking every `drainPoll` (draining is not
    /// latency-critical). False when the waiting task is cancelled.
    private func waitUntil(_ timeout: Duration, _ done: () -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !done() && clock.now < deadline {
            do {
                try await clock.sleep(for: min(Self.drainPoll, deadline - clock.now))
            } catch {
                return false
            }
        }
        return true
    }

    /// Closes the channels and returns once they are closed.
    private static func close(_ channels: [any Channel]) async {
        for channel in channels {
            channel.close(promise: nil)
        }
        for channel in channels {
            try? await channel.closeFuture.get()
        }
    }

    /// Puts a drained backend back into rotation.
    public func undrain(id: String) {
        if table.setDrained(id, false) {
            logger.info("backend back in rotation", metadata: ["backend": "\(id)"])
        }
    }

    public var stats: BalancerStats {
        table.stats()
    }

    /// The port actually bound (the listener's own, or the ephemeral one for port 0); 0 before `start`.
    public var boundPort: Int {
        run.withLockedValue { $0.boundPort }
    }

    /// How often draining looks at the count.
    private static let drainPoll = Duration.milliseconds(10)
}

extension Balancer {
    /// The event loops the supervisor's balancers share: half the cores, at least one. A proxied
    /// request costs the balancer about as much CPU as docker's port proxy spends on it, so the
    /// other half is left to that proxy and the replicas; and on fewer loops the connections'
    /// events come out of one `epoll_wait` together (fewer wake-ups, each a context switch; on 2
    /// cores one loop cost 25-34 µs of CPU per keep-alive request, two loops 33-38 µs).
    /// `SWIFTCOMPOSE_LB_THREADS` overrides the count.
    public static let sharedGroup: any EventLoopGroup = {
        let configured = ProcessInfo.processInfo.environment["SWIFTCOMPOSE_LB_THREADS"].flatMap { Int($0) }
        return MultiThreadedEventLoopGroup(numberOfThreads: max(1, configured ?? System.coreCount / 2))
    }()
}
