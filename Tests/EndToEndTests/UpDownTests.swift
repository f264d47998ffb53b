import Foundation
import Testing

/// `up`/`down` against the real daemon, checked with the docker CLI. Each test owns a project name
/// and removes everything of it afterwards, whatever happened.
@Suite(.serialized) struct UpDownTests {
    static let image = Harness.image

    static func webapp(port: Int, workerEnv: String = "one") -> String {
        """
        services:
          init:
            image: \(image)
            command: ["sh", "-c", "echo '<h1>hello from swiftcompose</h1>' > /site/index.html"]
            volumes:
              - site:/site
          db:
            image: \(image)
            command: ["sh", "-c", "echo ok > /data/ready; exec sleep 2147483647"]
            volumes:
              - data:/data
            healthcheck:
              test: ["CMD", "test", "-f", "/data/ready"]
              interval: 1s
              timeout: 2s
              retries: 20
          worker:
            image: \(image)
            init: true
            command: ["sh", "-c", "while true; do sleep 5; done"]
            environment:
              MODE: \(workerEnv)
            depends_on:
              db:
                condition: service_healthy
          web:
            image: \(image)
            init: true
            command: ["httpd", "-f", "-p", "80", "-h", "/site"]
            ports:
              - "127.0.0.1:\(port):80"
            volumes:
              - site:/site:ro
            depends_on:
              init:
                condition: service_completed_successfully
              db:
                condition: service_healthy
        volumes:
          site:
          data:
        """
    }

    static func write(_ dir: URL, _ text: String) throws {
        try text.write(to: dir.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
    }

    /// Service containers by name (the project's supervisor container aside).
    static func ids(_ project: String) throws -> [String: String] {
        let out = try Harness.docker(["ps", "-a", "--filter", "label=com.docker.compose.project=\(project)",
                                      "--filter", "label=com.docker.compose.service",
                                      "--format", "{{.Names}} {{.ID}}"]).stdout
        var map: [String: String] = [:]
        for line in out.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            if parts.count == 2 { map[parts[0]] = parts[1] }
        }
        return map
    }

    static func state(_ name: String) throws -> String {
        try Harness.inspect(name, "{{.State.Status}}")
    }

    @Test func webappStackUpNoOpRecreateAndDown() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scup")
        defer { Harness.cleanup(project: name) }
        let port = Harness.freePort()
        let dir = try Harness.project(["compose.yaml": Self.webapp(port: port)])

        let up = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(up.code == 0, "\(up)")
        let first = try Self.ids(name)
        #expect(Set(first.keys) == ["\(name)-init-1", "\(name)-db-1", "\(name)-worker-1", "\(name)-web-1"])
        #expect(try Self.state("\(name)-init-1") == "exited")
        #expect(try Harness.inspect("\(name)-init-1", "{{.State.ExitCode}}") == "0")
        #expect(try Self.state("\(name)-web-1") == "running")
        #expect(try Harness.inspect("\(name)-db-1", "{{.State.Health.Status}}") == "healthy")
        #expect(try Harness.httpGet(port: port)?.contains("hello from swiftcompose") == true)
        // Labels as Docker Compose writes them.
        #expect(try Harness.inspect("\(name)-web-1", "{{index .Config.Labels \"com.docker.compose.service\"}}") == "web")
        #expect(try Harness.inspect("\(name)-web-1", "{{index .Config.Labels \"com.docker.compose.container-number\"}}") == "1")
        #expect(try Harness.inspect("\(name)-web-1", "{{index .Config.Labels \"com.docker.compose.oneoff\"}}") == "False")
        #expect(try Harness.docker(["network", "inspect", "\(name)_default"]).code == 0)
        #expect(try Harness.docker(["volume", "inspect", "\(name)_data"]).code == 0)

        // No-op: same containers (init is one-shot and runs again, as with Compose).
        let again = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(again.code == 0, "\(again)")
        #expect(try Self.ids(name) == first)

        // Changing worker's environment recreates only worker.
        try Self.write(dir, Self.webapp(port: port, workerEnv: "two"))
        let changed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(changed.code == 0, "\(changed)")
        let second = try Self.ids(name)
        #expect(Set(second.keys) == Set(first.keys))
        for (container, id) in second {
            if container.hasSuffix("-worker-1") { #expect(id != first[container]) } else { #expect(id == first[container]) }
        }
        #expect(try Harness.inspect("\(name)-worker-1", "{{range .Config.Env}}{{println .}}{{end}}").contains("MODE=two"))

        let down = try Harness.compose(["-p", name, "down"], in: dir)
        #expect(down.code == 0, "\(down)")
        #expect(try Harness.containers(project: name).isEmpty)
        #expect(try Harness.docker(["network", "ls", "-q", "--filter", "label=com.docker.compose.project=\(name)"]).stdout.isEmpty)
        // Named volumes stay without -v.
        #expect(try Harness.docker(["volume", "inspect", "\(name)_data"]).code == 0)
        let downV = try Harness.compose(["-p", name, "down", "-v"], in: dir)
        #expect(downV.code == 0, "\(downV)")
        #expect(try Harness.docker(["volume", "ls", "-q", "--filter", "label=com.docker.compose.project=\(name)"]).stdout.isEmpty)
    }

    @Test func scaleKeepsLowNumbers() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scscale")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project(["compose.yaml": """
            services:
              web:
                image: \(Self.image)
                command: ["sleep", "2147483647"]
                init: true
            """])
        let up5 = try Harness.compose(["-p", name, "up", "-d", "--scale", "web=5"], in: dir)
        #expect(up5.code == 0, "\(up5)")
        let five = try Self.ids(name)
        #expect(Set(five.keys) == Set((1...5).map { "\(name)-web-\($0)" }))
        let up2 = try Harness.compose(["-p", name, "up", "-d", "--scale", "web=2"], in: dir)
        #expect(up2.code == 0, "\(up2)")
        let two = try Self.ids(name)
        #expect(Set(two.keys) == ["\(name)-web-1", "\(name)-web-2"])
        #expect(two["\(name)-web-1"] == five["\(name)-web-1"])
        #expect(two["\(name)-web-2"] == five["\(name)-web-2"])
        let down = try Harness.compose(["-p", name, "down"], in: dir)
        #expect(down.code == 0, "\(down)")
    }

    @Test func aChangedNetworkIsRecreatedWithItsContainers() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scnet")
        defer { Harness.cleanup(project: name) }
        func file(_ label: String) -> String {
            """
            services:
              app:
                image: \(Self.image)
                command: ["sleep", "2147483647"]
                init: true
                networks: [back]
                volumes: ["data:/data"]
            networks:
              back:
                labels:
                  tier: \(label)
            volumes:
              data:
                labels:
                  tier: \(label)
            """
        }
        let dir = try Harness.project(["compose.yaml": file("one")])
        let network = "\(name)_back"
        func networkID() throws -> String { try Harness.docker(["network", "inspect", "-f", "{{.Id}}", network]).stdout }
        let up = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(up.code == 0, "\(up)")
        let (firstNetwork, firstContainers) = (try networkID(), try Self.ids(name))
        #expect(try Harness.docker(["exec", "\(name)-app-1", "sh", "-c", "echo kept > /data/file"]).code == 0)
        // Unchanged: nothing happens.
        #expect(try Harness.compose(["-p", name, "up", "-d"], in: dir).code == 0)
        #expect(try networkID() == firstNetwork)
        #expect(try Self.ids(name) == firstContainers)

        try file("two").write(to: dir.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        let changed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(changed.code == 0, "\(changed)")
        #expect(try networkID() != firstNetwork)
        #expect(try Harness.docker(["network", "inspect", "-f", "{{index .Labels \"tier\"}}", network]).stdout == "two\n")
        let container = "\(name)-app-1"
        #expect(try Self.ids(name)[container] != firstContainers[container])
        #expect(try Harness.inspect(container, "{{.State.Running}}") == "true")
        #expect(try Harness.inspect(container, "{{range $k, $v := .NetworkSettings.Networks}}{{$v.NetworkID}}{{end}}") + "\n" == networkID())
        // The changed volume is kept with its data, with a warning (Docker Compose asks; the default is no).
        #expect(changed.stderr.contains("volume \"\(name)_data\" exists but doesn't match its configuration"), "\(changed)")
        #expect(try Harness.docker(["exec", container, "cat", "/data/file"]).stdout == "kept\n")
        _ = try? Harness.compose(["-p", name, "down", "-v"], in: dir)
    }

    @Test func postStartAndPreStopHooksRunInTheContainer() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("schook")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project([
            "out/.keep": "",
            "compose.yaml": """
                services:
                  app:
                    image: \(Self.image)
                    command: ["sleep", "2147483647"]
                    init: true
                    volumes: ["./out:/out"]
                    post_start:
                      - command: ["sh", "-c", "echo $$GREETING from $$PWD > /out/started"]
                        environment:
                          GREETING: hello
                        working_dir: /out
                    pre_stop:
                      - command: ["sh", "-c", "echo bye > /out/stopped"]
                  after:
                    image: \(Self.image)
                    command: ["sh", "-c", "cat /out/started > /out/seen-by-dependent; exec sleep 2147483647"]
                    init: true
                    volumes: ["./out:/out"]
                    depends_on: [app]
                """,
        ])
        func read(_ file: String) -> String? { try? String(contentsOf: dir.appendingPathComponent("out/\(file)"), encoding: .utf8) }
        let up = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(up.code == 0, "\(up)")
        #expect(read("started") == "hello from /out\n")
        // The dependent started after the hook had run.
        #expect(Harness.eventually(20) { read("seen-by-dependent") == "hello from /out\n" })
        #expect(read("stopped") == nil)
        // `stop` and `start` run them too.
        let out = dir.appendingPathComponent("out")
        try FileManager.default.removeItem(at: out.appendingPathComponent("started"))
        let stop = try Harness.compose(["-p", name, "stop", "app"], in: dir)
        #expect(stop.code == 0, "\(stop)")
        #expect(read("stopped") == "bye\n")
        try FileManager.default.removeItem(at: out.appendingPathComponent("stopped"))
        let start = try Harness.compose(["-p", name, "start", "app"], in: dir)
        #expect(start.code == 0, "\(start)")
        #expect(read("started") == "hello from /out\n")
        let down = try Harness.compose(["-p", name, "down"], in: dir)
        #expect(down.code == 0, "\(down)")
        #expect(read("stopped") == "bye\n")
        #expect(down.stderr.contains("Container \(name)-app-1  Running pre_stop hook"), "\(down)")

        // A failing hook fails `up`, naming the service, the hook and its status.
        try """
            services:
              app:
                image: \(Self.image)
                command: ["sleep", "2147483647"]
                init: true
                post_start:
                  - command: ["sh", "-c", "echo not ready; exit 3"]
            """.write(to: dir.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        let failing = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(failing.code == 1, "\(failing)")
        #expect(failing.stderr.contains("service app: post_start hook exited with status 3: not ready"), "\(failing)")
    }

    @Test func namedVolumeSurvivesRecreateAndDown() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scvol")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project(["compose.yaml": """
            services:
              app:
                image: \(Self.image)
                init: true
                command: ["sh", "-c", "test -f /data/keep || echo $$RANDOM$$RANDOM > /data/keep; exec sleep 2147483647"]
                volumes:
                  - data:/data
            volumes:
              data:
            """])
        func content() throws -> String {
            try Harness.docker(["run", "--rm", "-v", "\(name)_data:/data", Self.image, "cat", "/data/keep"])
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try Harness.compose(["-p", name, "up", "-d"], in: dir).code == 0)
        Thread.sleep(forTimeInterval: 0.5)
        let original = try content()
        #expect(!original.isEmpty)
        let before = try Self.ids(name)
        let forced = try Harness.compose(["-p", name, "up", "-d", "--force-recreate"], in: dir)
        #expect(forced.code == 0, "\(forced)")
        #expect(try Self.ids(name)["\(name)-app-1"] != before["\(name)-app-1"])
        #expect(try content() == original)
        #expect(try Harness.compose(["-p", name, "down"], in: dir).code == 0)
        #expect(try content() == original)
        #expect(try Harness.compose(["-p", name, "down", "-v"], in: dir).code == 0)
        #expect(try Harness.docker(["volume", "inspect", "\(name)_data"]).code != 0)
    }

    @Test func orphansAreWarnedThenRemoved() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scorph")
        defer { Harness.cleanup(project: name) }
        let two = """
            services:
              a:
                image: \(Self.image)
                command: ["sleep", "2147483647"]
                init: true
              b:
                image: \(Self.image)
                command: ["sleep", "2147483647"]
                init: true
            """
        let dir = try Harness.project(["compose.yaml": two])
        #expect(try Harness.compose(["-p", name, "up", "-d"], in: dir).code == 0)
        try Self.write(dir, String(two.prefix(upTo: two.range(of: "  b:")!.lowerBound)))
        let warned = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(warned.code == 0, "\(warned)")
        #expect(warned.stderr.contains("orphan"))
        #expect(try Harness.containers(project: name, service: "b").count == 1)
        let removed = try Harness.compose(["-p", name, "up", "-d", "--remove-orphans"], in: dir)
        #expect(removed.code == 0, "\(removed)")
        #expect(try Harness.containers(project: name, service: "b").isEmpty)
        #expect(try Harness.containers(project: name, service: "a").count == 1)
    }

    @Test func dryRunPrintsPlanAndChangesNothing() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scdry")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project(["compose.yaml": Self.webapp(port: Harness.freePort())])
        let r = try Harness.compose(["--dry-run", "-p", name, "up", "-d"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.contains("create-network \(name)_default"))
        #expect(r.stdout.contains("start-container \(name)-web-1 after \(name)-init-1 completed, \(name)-db-1 healthy"))
        #expect(try Harness.containers(project: name).isEmpty)
    }

    @Test func waitReturnsOnceHealthy() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scwait")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project(["compose.yaml": """
            services:
              db:
                image: \(Self.image)
                init: true
                command: ["sh", "-c", "sleep 1; touch /ready; exec sleep 2147483647"]
                healthcheck:
                  test: ["CMD", "test", "-f", "/ready"]
                  interval: 1s
                  retries: 30
            """])
        let r = try Harness.compose(["-p", name, "up", "-d", "--wait"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(try Harness.inspect("\(name)-db-1", "{{.State.Health.Status}}") == "healthy")
    }

    @Test func attachedUpStreamsPrefixedLogsUntilExit() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scatt")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project(["compose.yaml": """
            services:
              once:
                image: \(Self.image)
                command: ["sh", "-c", "echo hello from once; echo second line"]
            """])
        let r = try Harness.compose(["-p", name, "up", "--no-color"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.contains("once-1  | hello from once"))
        #expect(r.stdout.contains("once-1  | second line"))
        #expect(r.stdout.contains("\(name)-once-1 exited with code 0"))
    }

    @Test func exitCodeFromStopsTheStackWithThatCode() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scabrt")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project(["compose.yaml": """
            services:
              server:
                image: \(Self.image)
                init: true
                command: ["sleep", "2147483647"]
              check:
                image: \(Self.image)
                command: ["sh", "-c", "echo checking; exit 3"]
                depends_on: [server]
            """])
        let r = try Harness.compose(["-p", name, "up", "--exit-code-from", "check", "--no-color"], in: dir)
        #expect(r.code == 3, "\(r)")
        #expect(r.stdout.contains("check-1   | checking"))
        #expect(try Self.state("\(name)-server-1") == "exited")
    }

    @Test func secretsAndConfigsReachTheContainer() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scsec")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project([
            "token.txt": "from-file\n",
            "compose.yaml": """
                services:
                  app:
                    image: \(Self.image)
                    init: true
                    command: ["sleep", "2147483647"]
                    secrets: [pw, token]
                    configs:
                      - source: greeting
                        target: /etc/greeting
                secrets:
                  pw:
                    environment: SC_TEST_PASSWORD
                  token:
                    file: ./token.txt
                configs:
                  greeting:
                    content: hello config
                """,
        ])
        let r = try Harness.compose(["-p", name, "up", "-d"], in: dir, env: ["SC_TEST_PASSWORD": "s3cret"])
        #expect(r.code == 0, "\(r)")
        func cat(_ path: String) throws -> String {
            try Harness.docker(["exec", "\(name)-app-1", "cat", path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try cat("/run/secrets/pw") == "s3cret")
        #expect(try cat("/run/secrets/token") == "from-file")
        #expect(try cat("/etc/greeting") == "hello config")
    }

    @Test func unreachableDaemonIsOneLine() throws {
        let dir = try Harness.project(["compose.yaml": "services:\n  a:\n    image: \(Self.image)\n"])
        let r = try Harness.compose(["-p", Harness.uniqueName("scnod"), "up", "-d"], in: dir,
                                    env: ["DOCKER_HOST": "unix:///nonexistent/docker.sock"])
        #expect(r.code == 1, "\(r)")
        #expect(r.stderr.contains("DOCKER_HOST=unix:///nonexistent/docker.sock"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    // MARK: failures, each followed by a rerun that converges once fixed

    @Test func missingImageFailsThenConverges() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scimg")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project(["compose.yaml": """
            services:
              app:
                image: 127.0.0.1:1/nope:latest
                command: ["sleep", "2147483647"]
            """])
        let failed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(failed.code == 1, "\(failed)")
        #expect(failed.stderr.contains("127.0.0.1:1/nope:latest"))
        try Self.write(dir, """
            services:
              app:
                image: \(Self.image)
                command: ["sleep", "2147483647"]
                init: true
            """)
        let fixed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(fixed.code == 0, "\(fixed)")
        #expect(try Self.state("\(name)-app-1") == "running")
    }

    @Test func takenHostPortFailsThenConverges() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scport")
        defer { Harness.cleanup(project: name) }
        let port = Harness.freePort()
        // Hold the port with a listening socket while `up` runs.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        listen(fd, 1)
        let dir = try Harness.project(["compose.yaml": """
            services:
              web:
                image: \(Self.image)
                command: ["httpd", "-f", "-p", "80", "-h", "/"]
                ports:
                  - "127.0.0.1:\(port):80"
            """])
        let failed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        close(fd)
        #expect(failed.code == 1, "\(failed)")
        #expect(failed.stderr.contains("\(port)"))
        let fixed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(fixed.code == 0, "\(fixed)")
        #expect(try Self.state("\(name)-web-1") == "running")
    }

    @Test func foreignNameConflictFailsThenConverges() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scname")
        let foreign = "\(name)-foreign"
        defer {
            _ = try? Harness.docker(["rm", "-f", foreign])
            Harness.cleanup(project: name)
        }
        #expect(try Harness.docker(["run", "-d", "--name", foreign, Self.image, "sleep", "2147483647"]).code == 0)
        let dir = try Harness.project(["compose.yaml": """
            services:
              app:
                image: \(Self.image)
                container_name: \(foreign)
                command: ["sleep", "2147483647"]
                init: true
            """])
        let failed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(failed.code == 1, "\(failed)")
        #expect(failed.stderr.contains(foreign))
        #expect(failed.stderr.contains("already in use"))
        // The foreign container is untouched.
        #expect(try Self.state(foreign) == "running")
        #expect(try Harness.docker(["rm", "-f", foreign]).code == 0)
        let fixed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(fixed.code == 0, "\(fixed)")
        #expect(try Harness.inspect(foreign, "{{index .Config.Labels \"com.docker.compose.project\"}}") == name)
    }

    @Test func unhealthyDependencyFailsThenConverges() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scunh")
        defer { Harness.cleanup(project: name) }
        func file(_ check: String) -> String {
            """
            services:
              db:
                image: \(Self.image)
                command: ["sleep", "2147483647"]
                init: true
                healthcheck:
                  test: ["CMD", "\(check)"]
                  interval: 1s
                  timeout: 1s
                  retries: 2
              web:
                image: \(Self.image)
                command: ["sleep", "2147483647"]
                init: true
                depends_on:
                  db:
                    condition: service_healthy
            """
        }
        let dir = try Harness.project(["compose.yaml": file("false")])
        let failed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(failed.code == 1, "\(failed)")
        #expect(failed.stderr.contains("unhealthy"))
        #expect(try Self.state("\(name)-web-1") == "created")
        try Self.write(dir, file("true"))
        let fixed = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(fixed.code == 0, "\(fixed)")
        #expect(try Self.state("\(name)-web-1") == "running")
        #expect(try Harness.inspect("\(name)-db-1", "{{.State.Health.Status}}") == "healthy")
    }
}
