import NIOCore
import NIOPosix
import Testing
@testable import LoadBalancer

@Suite(.timeLimit(.minutes(2)))
struct BalancerUDPTests {
    @Test func datagramsRoundTripThroughTwoBackends() async throws {
        let u1 = try await UDPIdentServer.start(id: "u1")
        let u2 = try await UDPIdentServer.start(id: "u2")
        let lb = try await startBalancer(.udp, backends: [u1.backend, u2.backend])
        let port = lb.boundPort
        let first = try await UDPTestClient.open()
        let second = try await UDPTestClient.open()

        #expect(try await first.roundTrip("a", port: port) == "u1:a")
        #expect(try await second.roundTrip("b", port: port) == "u2:b")
        // A client stays with its backend.
        #expect(try await first.roundTrip("c", port: port) == "u1:c")
        #expect(try await second.roundTrip("d", port: port) == "u2:d")

        let stats = lb.stats
        #expect(stats["u1"]?.activeConnections == 1)
        #expect(stats["u2"]?.activeConnections == 1)
        #expect(stats.acceptedTotal == 2)

        await first.close()
        await second.close()
        await lb.stop()
        await u1.stop()
        await u2.stop()
    }

    @Test func aDeadUDPBackendIsRoutedAround() async throws {
        let gone = try await UDPIdentServer.start(id: "gone")
        let dead = gone.backend
        await gone.stop()
        let u1 = try await UDPIdentServer.start(id: "u1")
        let lb = try await startBalancer(.udp, backends: [dead, u1.backend])
        let client = try await UDPTestClient.open()
        // The first datagram may be lost to the dead backend; roundTrip resends it.
        #expect(try await client.roundTrip("a", port: lb.boundPort) == "u1:a")
        #expect(try await client.roundTrip("b", port: lb.boundPort) == "u1:b")
        // Rotation alone could have picked u1 too; the refusal must have been noticed.
        #expect(lb.stats["gone"]?.failedConnects ?? 0 >= 1)
        await client.close()
        await lb.stop()
        await u1.stop()
    }

    @Test func idleSessionsExpire() async throws {
        let u1 = try await UDPIdentServer.start(id: "u1")
        let lb = try await startBalancer(.udp, backends: [u1.backend],
                                         configuration: BalancerConfiguration(udpIdleTimeout: .milliseconds(500)))
        let client = try await UDPTestClient.open()
        #expect(try await client.roundTrip("a", port: lb.boundPort) == "u1:a")
        try await eventually("the session to expire") { lb.stats.activeConnections == 0 }
        #expect(lb.stats["u1"]?.activeConnections == 0)
        // A new datagram opens a new session.
        #expect(try await client.roundTrip("b", port: lb.boundPort) == "u1:b")
        // At least the two sessions; a loaded machine may resend a datagram after an expiry (a third).
        #expect(lb.stats.acceptedTotal >= 2)
        await client.close()
        await lb.stop()
        await u1.stop()
    }

    @Test func aTakenUDPPortIsReportedClearly() async throws {
        let first = try await startBalancer(.udp)
        let port = first.boundPort
        let second = Balancer(listener: ListenerSpec(host: "127.0.0.1", port: port, proto: .udp, targetPort: 53), logger: testLogger)
        let error = await #expect(throws: BalancerError.self) { try await second.start() }
        #expect(error?.description == "127.0.0.1:\(port)/udp is already in use")
        await first.stop()
    }
}
