import Foundation
import Testing

/// The supervisor's load balancer and autoscaler against the real daemon, reached only through the
/// published 127.0.0.1 port. Load comes from curl loops on the host; waits are bounded convergence waits.
@Suite(.serialized) struct LoadBalancingTests {
    static let burn = """
    #!/bin/sh
    n=${QUERY_STRING:-20000}
    i=0
    while [ $i -lt $n ]; do i=$((i + 1)); done
    echo "Content-Type: text/plain"
    echo
    hostname
    """

    /// Answers after QUERY_STRING seconds: a request still open while `up` replaces its replica.
    static let slow = """
    #!/bin/sh
    sleep ${QUERY_STRING:-3}
    echo "Content-Type: text/plain"
    echo
    hostname
    """

    struct Stack {
        let name = Harness.uniqueName("lb")
        let port = Harness.freePort()
        let dir: URL
        /// `range` > 1 publishes the host ports `port...port+range-1` for target port 80.
        init(replicas: Int, extra: String = "", range: Int = 1) throws {
            let published = range > 1 ? "\(port)-\(port + range - 1)" : "\(port)"
            let yaml = """
            services:
              web:
                image: \(Harness.image)
                command: ["httpd", "-f", "-p", "80", "-h", "/www"]
                volumes:
                  - ./www:/www:ro
                ports:
                  - "127.0.0.1:\(published):80"
                deploy:
                  replicas: \(replicas)
            \(extra)
            """
            dir = try Harness.project(["compose.yaml": yaml, "www/index.html": "ok\n",
                                       "www/cgi-bin/burn": LoadBalancingTests.burn, "www/cgi-bin/slow": LoadBalancingTests.slow])
            for script in ["burn", "slow"] {
                try FileManager.default.setAttributes([.posixPermissions: 0o755],
                                                      ofItemAtPath: dir.appendingPathComponent("www/cgi-bin/\(script)").path)
            }
        }
        @discardableResult
        func compose(_ args: [String]) throws -> Harness.Result {
            try Harness.compose(["-p", name] + args, in: dir)
        }
        func replicas() -> Int {
            ((try? Harness.docker(["ps", "-q", "--filter", "label=com.docker.compose.project=\(name)",
                                   "--filter", "label=com.docker.compose.service=web"]))?.stdout ?? "")
                .split(separator: "\n").count
        }
        func down() {
            _ = try? compose(["down"])
            Harness.cleanup(project: name)
        }
        func supervisorLog() -> String {
            (try? Harness.docker(["logs", "\(name)-supervisor"]))?.stderr ?? ""
        }

        /// One replica, autoscaled between 1 and 3 every 2 s by `policy` (lines under `x-autoscale`), and up.
        static func autoscaled(_ policy: [String]) throws -> Stack {
            let lines = ["min: 1", "max: 3", "interval: 2s"] + policy
            let s = try Stack(replicas: 1, extra: "    x-autoscale:\n" + lines.map { "      " + $0 }.joined(separator: "\n"))
            let up = try s.compose(["up", "-d", "--wait"])
            #expect(up.code == 0, "\(up)")
            return s
        }
    }

    /// Sequential curl loops on the host, counting answered and failed requests.
    final class Load: @unchecked Sendable {
        let lock = NSLock()
        var ok = 0
        var failed: [String] = []
        var hosts: Set<String> = []
        var running = true
        let group = DispatchGroup()

        init(url: String, loops: Int) {
            for _ in 0..<loops {
                group.enter()
                Thread.detachNewThread { [self] in
                    while lock.withLock({ running }) {
                        let r = try? Harness.run(["/usr/bin/env", "curl", "-sS", "-f", "--max-time", "10", url])
                        lock.withLock {
                            if let r, r.code == 0 {
                                ok += 1
                                hosts.insert(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
                            } else {
                                failed.append(r.map { "exit \($0.code): \($0.stderr)" } ?? "curl did not run")
                            }
                        }
                    }
                    group.leave()
                }
            }
        }

        func stop() -> (ok: Int, failed: [String], hosts: Set<String>) {
            lock.withLock { running = false }
            group.wait()
            return lock.withLock { (ok, failed, hosts) }
        }

        var failures: Int { lock.withLock { failed.count } }
    }


    @Test func scaleFiveOnOnePublishedPort() throws {
        try Harness.requireDaemon()
        let s = try Stack(replicas: 1)
        defer { s.down() }
        let up = try s.compose(["up", "-d", "--wait", "--scale", "web=5"])
        #expect(up.code == 0, "\(up)")
        #expect(s.replicas() == 5)
        var hosts = Set<String>()
        for _ in 0..<20 {
            let body = try Harness.httpGet(port: s.port, path: "/cgi-bin/burn?10")
            #expect(body != nil)
            if let body { hosts.insert(body) }
        }
        // Least connections with ties in rotation: sequential requests visit several replicas.
        #expect(hosts.count >= 2, "\(hosts)")
    }

    /// Connections from this host take the kernel's path (nat OUTPUT DNAT straight to each replica's
    /// 127.0.0.1 port, no proxy hop of our own), and no rule outlives the supervisor or `down`.
    @Test func hostConnectionsTakeTheKernelPathAndDownRemovesIt() throws {
        try Harness.requireDaemon()
        let s = try Stack(replicas: 2)
        defer { s.down() }
        let up = try s.compose(["up", "-d", "--wait"])
        #expect(up.code == 0, "\(up)")
        let replicaPorts = try (1...2).map { i in
            try Harness.docker(["port", "\(s.name)-web-\(i)", "80/tcp"]).stdout.split(separator: "\n")[0]
                .split(separator: ":").last.map(String.init) ?? ""
        }
        func rules() throws -> [Substring] {
            try Harness.run(["/usr/bin/env", "iptables", "-w", "-t", "nat", "-S"]).stdout
                .split(separator: "\n").filter { $0.contains("--dport \(s.port) ") }
        }
        #expect(Harness.eventually { ((try? rules()) ?? []).count == 2 }, "\((try? rules()) ?? [])")
        let installed = try rules()
        for port in replicaPorts {
            #expect(installed.contains { $0.hasSuffix("-j DNAT --to-destination 127.0.0.1:\(port)") }, "\(installed)")
        }
        var hosts = Set<String>()
        for _ in 0..<6 {
            if let body = try Harness.httpGet(port: s.port, path: "/cgi-bin/burn?10") { hosts.insert(body) }
        }
        #expect(hosts.count == 2, "\(hosts)")
        // The kernel forwarded them: the nat table sees a connection's first packet only, so each
        // DNAT rule's packet count is the connections it sent to its replica.
        let counters = try Harness.run(["/usr/bin/env", "iptables", "-w", "-t", "nat", "-L", "-v", "-x", "-n"]).stdout
            .split(separator: "\n").filter { $0.contains("dpt:\(s.port) ") && $0.contains("to:127.0.0.1:") }
            .compactMap { Int($0.split(separator: " ").first ?? "") }
        #expect(counters.count == 2 && counters.allSatisfy { $0 > 0 } && counters.reduce(0, +) >= 6, "\(counters)")
        // A supervisor that stops takes its rules with it; one that is killed cannot, and `down` removes them.
        let supervisor = "\(s.name)-supervisor"
        try Harness.docker(["stop", supervisor])
        let afterStop = try rules()
        #expect(afterStop.isEmpty, "\(afterStop)")
        try Harness.docker(["start", supervisor])
        #expect(Harness.eventually { ((try? rules()) ?? []).count == 2 }, "\((try? rules()) ?? [])")
        try Harness.docker(["rm", "-f", supervisor])
        let afterKill = try rules()
        #expect(afterKill.count == 2, "\(afterKill)")
        let down = try s.compose(["down"])
        #expect(down.code == 0, "\(down)")
        let left = try rules()
        #expect(left.isEmpty, "\(left)")
    }

    @Test func publishedPortRangeServesEveryPortFromAllReplicas() throws {
        try Harness.requireDaemon()
        let s = try Stack(replicas: 2, range: 2)
        defer { s.down() }
        let up = try s.compose(["up", "-d", "--wait"])
        #expect(up.code == 0, "\(up)")
        #expect(s.replicas() == 2)
        for port in [s.port, s.port + 1] {
            var hosts = Set<String>()
            for _ in 0..<6 {
                if let body = try Harness.httpGet(port: port, path: "/cgi-bin/burn?10") { hosts.insert(body) }
            }
            #expect(hosts.count == 2, "port \(port): \(hosts)")
        }
    }

    @Test func recreateByUpDrainsOpenRequestsFirst() throws {
        try Harness.requireDaemon()
        let s = try Stack(replicas: 2)
        defer { s.down() }
        let up = try s.compose(["up", "-d", "--wait"])
        #expect(up.code == 0, "\(up)")
        // Two slow requests in flight, one per replica (least connections), then a change that recreates both.
        let slow = Load(url: "http://127.0.0.1:\(s.port)/cgi-bin/slow?4", loops: 2)
        Thread.sleep(forTimeInterval: 1)
        let file = s.dir.appendingPathComponent("compose.yaml")
        let changed = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "    deploy:", with: "    environment:\n      CHANGED: \"1\"\n    deploy:")
        try changed.write(to: file, atomically: true, encoding: .utf8)
        let again = try s.compose(["up", "-d", "--wait"])
        #expect(again.code == 0, "\(again)")
        let result = slow.stop()
        #expect(result.ok >= 2, "\(result.ok) slow requests answered")
        #expect(result.failed.isEmpty, "\(result.failed.prefix(5))")
        #expect(s.replicas() == 2)
    }

    @Test func noFailedRequestDuringScaleUpAndDown() throws {
        try Harness.requireDaemon()
        let s = try Stack(replicas: 2)
        defer { s.down() }
        let up = try s.compose(["up", "-d", "--wait"])
        #expect(up.code == 0, "\(up)")
        let load = Load(url: "http://127.0.0.1:\(s.port)/cgi-bin/burn?2000", loops: 4)
        Thread.sleep(forTimeInterval: 2)
        let upScale = try s.compose(["scale", "web=4"])
        #expect(upScale.code == 0, "\(upScale)")
        Thread.sleep(forTimeInterval: 2)
        let downScale = try s.compose(["scale", "web=1"])
        #expect(downScale.code == 0, "\(downScale)")
        Thread.sleep(forTimeInterval: 2)
        let result = load.stop()
        #expect(s.replicas() == 1)
        #expect(result.ok > 20, "\(result.ok) requests answered")
        #expect(result.failed.isEmpty, "\(result.failed.prefix(5))")
        #expect(result.hosts.count >= 3, "\(result.hosts)")
    }

    @Test func killedReplicaDuringLoadIsRoutedAroundAndReplaced() throws {
        try Harness.requireDaemon()
        let s = try Stack(replicas: 3)
        defer { s.down() }
        let up = try s.compose(["up", "-d", "--wait"])
        #expect(up.code == 0, "\(up)")
        let victim = "\(s.name)-web-2"
        let started = try Harness.inspect(victim, "{{.State.StartedAt}}")
        let load = Load(url: "http://127.0.0.1:\(s.port)/cgi-bin/burn?2000", loops: 3)
        Thread.sleep(forTimeInterval: 1)
        try Harness.run(["/bin/kill", "-9", try Harness.inspect(victim, "{{.State.Pid}}")])
        // Requests in flight on the victim may fail with it; after that, none may.
        Thread.sleep(forTimeInterval: 1)
        let before = load.failures
        #expect(Harness.eventually {
            (try? Harness.inspect(victim, "{{.State.Running}}")) == "true"
                && (try? Harness.inspect(victim, "{{.State.StartedAt}}")) != started
        })
        Thread.sleep(forTimeInterval: 2)
        let result = load.stop()
        #expect(result.failed.count == before, "\(result.failed)")
        // Each loop may lose its request in flight, and a few more may reach the victim between the kill
        // and its `die` event; after that, none may fail (checked above).
        #expect(before <= 10, "\(result.failed)")
        #expect(result.ok > 10)
    }

    @Test func autoscaleRisesUnderLoadAndFallsBack() throws {
        try Harness.requireDaemon()
        let s = try Stack.autoscaled(["cpu: 10", "scale_down_stabilization: 6s"])
        defer { s.down() }
        #expect(s.replicas() == 1)
        let load = Load(url: "http://127.0.0.1:\(s.port)/cgi-bin/burn?20000", loops: 4)
        let rose = Harness.eventually { s.replicas() >= 2 }
        let result = load.stop()
        #expect(rose, "replicas stayed at \(s.replicas()) under load")
        #expect(result.failed.isEmpty, "\(result.failed.prefix(5))")
        #expect(Harness.eventually { s.replicas() == 1 }, "replicas did not fall back to min")
        let log = s.supervisorLog()
        #expect(log.contains("autoscale web: 1 → "), "\(log)")
        #expect(log.contains("vs target 10%"), "\(log)")
    }

    /// Open connections are counted on both paths: host clients go through the kernel (conntrack,
    /// read inside the supervisor container), so slow requests from here must drive a scale-up.
    @Test func autoscaleOnOpenConnectionsCountsKernelForwardedOnes() throws {
        try Harness.requireDaemon()
        let s = try Stack.autoscaled(["connections: 1", "scale_down_stabilization: 30s"])
        defer { s.down() }
        let load = Load(url: "http://127.0.0.1:\(s.port)/cgi-bin/slow?3", loops: 4)
        let rose = Harness.eventually(60) { s.replicas() >= 2 }
        let result = load.stop()
        #expect(rose, "replicas stayed at \(s.replicas()) with 4 open connections and a target of 1")
        #expect(result.failed.isEmpty, "\(result.failed.prefix(5))")
        let log = s.supervisorLog()
        #expect(log.contains("kernel forwarding on"), "\(log)")
        #expect(log.contains("connections 4 vs target 1") || log.contains("connections 3 vs target 1"), "\(log)")
    }
}
