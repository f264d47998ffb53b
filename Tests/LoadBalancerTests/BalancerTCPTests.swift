import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing
@testable import LoadBalancer

@Suite(.timeLimit(.minutes(2)))
struct BalancerTCPTests {
    @Test func leastConnectionsSpreadsThenRefillsTheEmptiestBackend() async throws {
        let servers = try await [IdentServer.start(id: "a"), IdentServer.start(id: "b"), IdentServer.start(id: "c")]
        let lb = try await startBalancer(backends: servers.map(\.backend))
        var clients: [(id: String, client: TestClient)] = []
        for _ in 0..<6 {
            let client = try await TestClient.connect(port: lb.boundPort)
            clients.append((try await client.readLine(), client))
        }
        // Ties go round in setBackends order.
        #expect(clients.map(\.id) == ["a", "b", "c", "a", "b", "c"])
        let stats = lb.stats
        #expect(stats.backends.map(\.activeConnections) == [2, 2, 2])
        #expect(stats.acceptedTotal == 6)

        for entry in clients where entry.id == "a" { await entry.client.close() }
        try await eventually("a's connections to end") { lb.stats["a"]?.activeConnections == 0 }
        for _ in 0..<2 {
            let client = try await TestClient.connect(port: lb.boundPort)
            #expect(try await client.readLine() == "a")
            clients.append(("a", client))
        }
        #expect(lb.stats["a"]?.totalConnections == 4)

        for entry in clients { await entry.client.close() }
        await lb.stop()
        for server in servers { await server.stop() }
    }

    @Test func backendsJoinAndLeaveLive() async throws {
        let a = try await IdentServer.start(id: "a")
        let b = try await IdentServer.start(id: "b")
        let lb = try await startBalancer(backends: [a.backend])
        let first = try await TestClient.connect(port: lb.boundPort)
        #expect(try await first.readLine() == "a")

        lb.setBackends([a.backend, b.backend])
        let second = try await TestClient.connect(port: lb.boundPort)
        #expect(try await second.readLine() == "b")

        // a leaves: its open connection keeps working, new ones go to b.
        lb.setBackends([b.backend])
        #expect(lb.stats["a"]?.draining == true)
        var others: [TestClient] = []
        for _ in 0..<3 {
            let client = try await TestClient.connect(port: lb.boundPort)
            #expect(try await client.readLine() == "b")
            others.append(client)
        }
        try await first.send("still here\n")
        #expect(try await first.readLine() == "still here")

        await first.close()
        try await eventually("a to be forgotten") { lb.stats["a"] == nil }
        #expect(lb.stats.backends.map(\.id) == ["b"])

        // And a can come back.
        lb.setBackends([b.backend, a.backend])
        let back = try await TestClient.connect(port: lb.boundPort)
        #expect(try await back.readLine() == "a")

        for client in others + [second, back] { await client.close() }
        await lb.stop()
        await a.stop()
        await b.stop()
    }

    @Test func drainWaitsForTheOpenConnectionWhileNewOnesGoElsewhere() async throws {
        let a = try await IdentServer.start(id: "a")
        let b = try await IdentServer.start(id: "b")
        let lb = try await startBalancer(backends: [a.backend, b.backend])
        let held = try await TestClient.connect(port: lb.boundPort)
        #expect(try await held.readLine() == "a")

        let finished = Flag()
        let drain = Task {
            let clean = await lb.drain(id: "a", timeout: .seconds(60))
            finished.set()
            return clean
        }
        try await eventually("a to be draining") { lb.stats["a"]?.draining == true }
        var others: [TestClient] = []
        for _ in 0..<4 {
            let client = try await TestClient.connect(port: lb.boundPort)
            #expect(try await client.readLine() == "b")
            others.append(client)
        }
        try await held.send("ping\n")
        #expect(try await held.readLine() == "ping")
        #expect(!finished.isSet)

        await held.close()
        #expect(await drain.value == true)
        #expect(lb.stats["a"]?.activeConnections == 0)

        // Drained stays out of rotation until undrained.
        let next = try await TestClient.connect(port: lb.boundPort)
        #expect(try await next.readLine() == "b")
        lb.undrain(id: "a")
        let again = try await TestClient.connect(port: lb.boundPort)
        #expect(try await again.readLine() == "a")

        for client in others + [next, again] { await client.close() }
        await lb.stop()
        await a.stop()
        await b.stop()
    }

    @Test func drainTimeoutClosesWhatIsLeft() async throws {
        let a = try await IdentServer.start(id: "a")
        let lb = try await startBalancer(backends: [a.backend])
        let held = try await TestClient.connect(port: lb.boundPort)
        #expect(try await held.readLine() == "a")

        #expect(await lb.drain(id: "a", timeout: .milliseconds(50)) == false)
        _ = try await held.readToEOF()
        try await eventually("a's connection to be gone") { lb.stats["a"]?.activeConnections == 0 }

        await held.close()
        await lb.stop()
        await a.stop()
    }

    @Test func deadBackendIsRoutedAround() async throws {
        let dead = Backend(id: "dead", host: "127.0.0.1", port: try await closedPort())
        let a = try await IdentServer.start(id: "a")
        let lb = try await startBalancer(backends: [dead, a.backend])
        for _ in 0..<4 {
            let client = try await TestClient.connect(port: lb.boundPort)
            #expect(try await client.readLine() == "a")
            try await client.send("x\n")
            #expect(try await client.readLine() == "x")
            await client.close()
        }
        let stats = lb.stats
        #expect(stats["dead"]?.failedConnects ?? 0 >= 1)
        #expect(stats.failedConnectsTotal >= 1)
        #expect(stats.rejectedTotal == 0)
        await lb.stop()
        await a.stop()
    }

    @Test func clientIsClosedWhenEveryBackendFails() async throws {
        let dead = Backend(id: "dead", host: "127.0.0.1", port: try await closedPort())
        let lb = try await startBalancer(backends: [dead])
        let client = try await TestClient.connect(port: lb.boundPort)
        #expect(try await client.readToEOF().readableBytes == 0)
        try await eventually("the rejection to be counted") { lb.stats.rejectedTotal == 1 }
        await client.close()
        await lb.stop()
    }

    @Test func withoutBackendsAClientIsClosed() async throws {
        let lb = try await startBalancer(configuration: BalancerConfiguration(noBackendWait: .zero))
        let client = try await TestClient.connect(port: lb.boundPort)
        #expect(try await client.readToEOF().readableBytes == 0)
        await client.close()
        await lb.stop()
    }

    @Test func aHeldClientGetsABackendThatAppears() async throws {
        let lb = try await startBalancer(configuration: BalancerConfiguration(noBackendWait: .seconds(60)))
        let client = try await TestClient.connect(port: lb.boundPort)
        try await eventually("the client to be accepted") { lb.stats.activeConnections == 1 }
        let a = try await IdentServer.start(id: "a")
        lb.setBackends([a.backend])
        #expect(try await client.readLine() == "a")
        await client.close()
        await lb.stop()
        await a.stop()
    }

    @Test func bytesAndEOFSentBeforeTheBackendIsThereAreKept() async throws {
        // NIO reads a socket to its end when the FIN shows up, even with autoRead off.
        let lb = try await startBalancer(configuration: BalancerConfiguration(noBackendWait: .seconds(60)))
        let client = try await TestClient.connect(port: lb.boundPort)
        try await client.send("early\n")
        try await client.closeWrite()
        try await eventually("the client to be accepted") { lb.stats.activeConnections == 1 }
        // Give the FIN time to arrive; without it the test still passes, just without this path.
        try await Task.sleep(for: .milliseconds(100))
        let a = try await IdentServer.start(id: "a")
        lb.setBackends([a.backend])
        #expect(String(buffer: try await client.readToEOF()) == "a\nearly\nEOF\n")
        await client.close()
        await lb.stop()
        await a.stop()
    }

    @Test func aBackendThatGreetsAndClosesAtOnceIsRelayedWhole() async throws {
        let a = try await IdentServer.start(id: "bye", hangUp: true)
        let lb = try await startBalancer(backends: [a.backend])
        for _ in 0..<20 {
            let client = try await TestClient.connect(port: lb.boundPort)
            #expect(String(buffer: try await client.readToEOF()) == "bye\n")
            await client.close()
        }
        await lb.stop()
        await a.stop()
    }

    @Test func halfCloseGoesThroughBothWays() async throws {
        let a = try await IdentServer.start(id: "a")
        let lb = try await startBalancer(backends: [a.backend])
        let client = try await TestClient.connect(port: lb.boundPort)
        #expect(try await client.readLine() == "a")
        try await client.send("hello\n")
        try await client.closeWrite()
        // The server says EOF only after it saw ours, and we read it after closing our side.
        #expect(String(buffer: try await client.readToEOF()) == "hello\nEOF\n")
        await client.close()
        try await eventually("the connection to end") { lb.stats.activeConnections == 0 }
        await lb.stop()
        await a.stop()
    }

    @Test func tenMegabytesArriveIntact() async throws {
        let a = try await IdentServer.start(id: "a")
        let lb = try await startBalancer(backends: [a.backend])
        let client = try await TestClient.connect(port: lb.boundPort)
        #expect(try await client.readLine() == "a")

        var payload = ByteBuffer()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<(10 * 1024 * 1024 / 8) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            payload.writeInteger(state)
        }
        try await client.send(payload)
        try await client.closeWrite()
        var expected = payload
        expected.writeString("EOF\n")
        let received = try await client.readToEOF(within: .seconds(120))
        #expect(received.readableBytes == expected.readableBytes)
        #expect(received == expected)
        await client.close()
        await lb.stop()
        await a.stop()
    }

    @Test func manyConcurrentClientsAreAllServed() async throws {
        let servers = try await [IdentServer.start(id: "a"), IdentServer.start(id: "b")]
        let lb = try await startBalancer(backends: servers.map(\.backend))
        let port = lb.boundPort
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let client = try await TestClient.connect(port: port)
                    let id = try await client.readLine()
                    try await client.send("\(index)\n")
                    let echo = try await client.readLine()
                    await client.close()
                    return echo == "\(index)" ? id : "bad echo"
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(ids.count == 64)
        #expect(Set(ids).isSubset(of: ["a", "b"]))
        #expect(lb.stats.acceptedTotal == 64)
        try await eventually("all connections to end") { lb.stats.activeConnections == 0 }
        #expect(lb.stats.backends.map(\.totalConnections).reduce(0, +) == 64)
        await lb.stop()
        for server in servers { await server.stop() }
    }

    @Test func stopClosesOpenConnections() async throws {
        let a = try await IdentServer.start(id: "a")
        let lb = try await startBalancer(backends: [a.backend])
        let client = try await TestClient.connect(port: lb.boundPort)
        #expect(try await client.readLine() == "a")
        await lb.stop()
        _ = try await client.readToEOF()
        await client.close()
        await a.stop()
    }

    @Test func stopDrainingLetsOpenConnectionsFinishAndTakesNoNewOnes() async throws {
        let a = try await IdentServer.start(id: "a")
        let lb = try await startBalancer(backends: [a.backend])
        let port = lb.boundPort
        let held = try await TestClient.connect(port: port)
        #expect(try await held.readLine() == "a")
        let finished = Flag()
        let stopping = Task {
            await lb.stop(drainingFor: .seconds(60))
            finished.set()
        }
        // The listener goes at once; the open connection still works and the stop waits for it.
        var refused = false
        for _ in 0..<500 where !refused {
            if let probe = try? await TestClient.connect(port: port) {
                await probe.close()
                try await Task.sleep(for: .milliseconds(10))
            } else {
                refused = true
            }
        }
        #expect(refused)
        try await held.send("ping\n")
        #expect(try await held.readLine() == "ping")
        #expect(!finished.isSet)
        await held.close()
        await stopping.value
        #expect(finished.isSet)
        await a.stop()
    }

    @Test func aTakenPortIsReportedClearly() async throws {
        // Another program's listener (without SO_REUSEPORT, which only balancers share).
        let first = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(first.localAddress?.port)
        let second = Balancer(listener: ListenerSpec(host: "127.0.0.1", port: port, proto: .tcp, targetPort: 80), logger: testLogger)
        let error = await #expect(throws: BalancerError.self) { try await second.start() }
        #expect(error == .addressInUse(address: "127.0.0.1:\(port)", proto: .tcp))
        #expect(error?.description == "127.0.0.1:\(port) is already in use")
        try await first.close()
    }
}

/// Set once from any task.
final class Flag: Sendable {
    private let value = NIOLockedValueBox(false)
    func set() { value.withLockedValue { $0 = true } }
    var isSet: Bool { value.withLockedValue { $0 } }
}
