import Foundation
import Testing

/// The supervisor against the real daemon: after `up -d` the supervisor container keeps the project as
/// declared (the `up` process has exited by then); attached `up` supervises in-process. The waits are
/// bounded convergence waits, never timing assertions.
@Suite(.serialized) struct SupervisorTests {
    static let image = Harness.image

    struct Project {
        let name = Harness.uniqueName("sup")
        let dir: URL
        init(_ yaml: String) throws {
            dir = try Harness.project(["compose.yaml": yaml])
        }
        @discardableResult
        func compose(_ args: [String]) throws -> Harness.Result {
            try Harness.compose(["-p", name] + args, in: dir)
        }
        func inspect(_ container: String, _ format: String) -> String {
            (try? Harness.inspect(container, format)) ?? ""
        }
        func up() throws {
            let r = try compose(["up", "-d"])
            #expect(r.code == 0, "\(r)")
            #expect(r.stderr.contains("\(name)-supervisor") || r.stdout.contains("\(name)-supervisor"), "\(r)")
        }
        func down() {
            _ = try? compose(["down", "-v"])
            Harness.cleanup(project: name)
        }
    }


    @Test func killedProcessIsReplacedAfterUpReturned() throws {
        try Harness.requireDaemon()
        let p = try Project("""
        services:
          web:
            image: \(Self.image)
            command: ["sleep", "2147483647"]
            deploy:
              replicas: 2
        """)
        defer { p.down() }
        try p.up()
        let c = "\(p.name)-web-1"
        let started = p.inspect(c, "{{.State.StartedAt}}")
        let pid = p.inspect(c, "{{.State.Pid}}")
        #expect(Int(pid) ?? 0 > 0)
        // SIGKILL from outside, as the OOM killer or a crash would: no `docker stop`, no engine kill event.
        try Harness.run(["/bin/kill", "-9", pid])
        let back = Harness.eventually {
            p.inspect(c, "{{.State.Running}}") == "true" && p.inspect(c, "{{.State.StartedAt}}") != started
        }
        #expect(back, "web-1 was not restarted after SIGKILL")
        let supervisorLog = (try? Harness.docker(["logs", "\(p.name)-supervisor"]))?.stderr ?? ""
        #expect(supervisorLog.contains("\(c) exited with code 137"), "\(supervisorLog)")
    }

    @Test func unhealthyContainerIsRestartedThenHealthy() throws {
        try Harness.requireDaemon()
        let p = try Project("""
        services:
          app:
            image: \(Self.image)
            command: ["sh", "-c", "touch /ok; exec sleep 2147483647"]
            healthcheck:
              test: ["CMD", "test", "-f", "/ok"]
              interval: 1s
              timeout: 1s
              retries: 1
        """)
        defer { p.down() }
        try p.up()
        let c = "\(p.name)-app-1"
        #expect(Harness.eventually { p.inspect(c, "{{.State.Health.Status}}") == "healthy" })
        let started = p.inspect(c, "{{.State.StartedAt}}")
        try Harness.docker(["exec", c, "rm", "/ok"])
        let restarted = Harness.eventually { p.inspect(c, "{{.State.StartedAt}}") != started }
        #expect(restarted, "the unhealthy container was not restarted")
        #expect(Harness.eventually { p.inspect(c, "{{.State.Health.Status}}") == "healthy" })
        let ps = try p.compose(["ps"])
        #expect(ps.stdout.contains("restarts: 1"), "\(ps)")
    }

    @Test func removedReplicaIsRecreatedWithItsNumber() throws {
        try Harness.requireDaemon()
        let p = try Project("""
        services:
          web:
            image: \(Self.image)
            command: ["sleep", "2147483647"]
            deploy:
              replicas: 3
        """)
        defer { p.down() }
        try p.up()
        let old = p.inspect("\(p.name)-web-2", "{{.Id}}")
        try Harness.docker(["rm", "-f", "\(p.name)-web-2"])
        let repaired = Harness.eventually {
            let id = p.inspect("\(p.name)-web-2", "{{.Id}}")
            return !id.isEmpty && id != old && p.inspect("\(p.name)-web-2", "{{.State.Running}}") == "true"
        }
        #expect(repaired, "web-2 was not recreated")
        #expect(p.inspect("\(p.name)-web-2", #"{{index .Config.Labels "com.docker.compose.container-number"}}"#) == "2")
        #expect(try Harness.containers(project: p.name, service: "web").count == 3)
    }

    @Test func crashLoopBacksOffAndGivesUpAtMaxAttempts() throws {
        try Harness.requireDaemon()
        let p = try Project("""
        services:
          crash:
            image: \(Self.image)
            command: ["sh", "-c", "exit 3"]
            deploy:
              restart_policy:
                condition: on-failure
                delay: 200ms
                max_attempts: 3
                window: 120s
        """)
        defer { p.down() }
        try p.up()
        let gaveUp = Harness.eventually {
            (try? p.compose(["ps", "-a"]))?.stdout.contains("supervisor gave up") == true
        }
        #expect(gaveUp, "\((try? p.compose(["ps", "-a"]))?.stdout ?? "")")
        let log = (try? Harness.docker(["logs", "\(p.name)-supervisor"]))?.stderr ?? ""
        // Doubling delays from `delay`, then no more restarts.
        #expect(log.contains("restarting in 200ms (attempt 1)"), "\(log)")
        #expect(log.contains("restarting in 400ms (attempt 2)"), "\(log)")
        #expect(log.contains("restarting in 800ms (attempt 3)"), "\(log)")
        #expect(log.contains("gave up after 3 restart attempts"), "\(log)")
        #expect(!log.contains("attempt 4"), "\(log)")
        // The engine does not restart it either: its policy is `no`, the supervisor owns the policy.
        #expect(p.inspect("\(p.name)-crash-1", "{{.HostConfig.RestartPolicy.Name}}") == "no")
        #expect(p.inspect("\(p.name)-crash-1", "{{.State.Status}}") == "exited")
    }

    @Test func userStopIsRespectedAndDownLeavesNothing() throws {
        try Harness.requireDaemon()
        let p = try Project("""
        services:
          web:
            image: \(Self.image)
            command: ["sleep", "2147483647"]
            init: true
            deploy:
              replicas: 2
              restart_policy:
                condition: any
        """)
        defer { p.down() }
        try p.up()
        let stop = try p.compose(["stop", "web"])
        #expect(stop.code == 0, "\(stop)")
        // Give the supervisor time to (wrongly) act, then check it left them stopped.
        Thread.sleep(forTimeInterval: 3)
        #expect(p.inspect("\(p.name)-web-1", "{{.State.Status}}") == "exited")
        #expect(p.inspect("\(p.name)-web-2", "{{.State.Status}}") == "exited")
        let start = try p.compose(["start", "web"])
        #expect(start.code == 0, "\(start)")
        let down = try p.compose(["down"])
        #expect(down.code == 0, "\(down)")
        #expect(try Harness.containers(project: p.name).isEmpty)
        let networks = try Harness.docker(["network", "ls", "-q", "--filter", "label=com.docker.compose.project=\(p.name)"])
        #expect(networks.stdout.isEmpty)
    }

    @Test func attachedUpSupervisesUntilCtrlC() throws {
        try Harness.requireDaemon()
        let p = try Project("""
        services:
          web:
            image: \(Self.image)
            command: ["sh", "-c", "echo started; exec sleep 2147483647"]
            deploy:
              replicas: 2
        """)
        defer { p.down() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Harness.binary)
        process.arguments = ["-p", p.name, "up"]
        process.currentDirectoryURL = p.dir
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let c = "\(p.name)-web-1"
        #expect(Harness.eventually { p.inspect(c, "{{.State.Running}}") == "true" })
        // No supervisor container: this process supervises.
        #expect(try Harness.containers(project: p.name).count == 2)
        Thread.sleep(forTimeInterval: 1)
        let started = p.inspect(c, "{{.State.StartedAt}}")
        try Harness.run(["/bin/kill", "-9", p.inspect(c, "{{.State.Pid}}")])
        #expect(Harness.eventually { p.inspect(c, "{{.State.Running}}") == "true" && p.inspect(c, "{{.State.StartedAt}}") != started })
        process.interrupt()
        process.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // The restarted container's output is followed again, and Ctrl-C stopped the stack for good.
        #expect(text.components(separatedBy: "started").count - 1 >= 3, "\(text)")
        Thread.sleep(forTimeInterval: 1)
        #expect(p.inspect(c, "{{.State.Status}}") == "exited", "\(text)")
    }
}
