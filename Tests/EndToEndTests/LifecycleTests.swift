import Foundation
import Testing

/// ps, logs, start/stop/restart/kill/pause/unpause/rm, port, top, images, ls, events, wait, version
/// against the real daemon, checked with the docker CLI. Each test owns its project and removes it.
/// Containers are made with `docker run` and Compose's labels, so these tests do not depend on `up`.
@Suite(.serialized) struct LifecycleTests {
    static let image = Harness.image

    /// A project directory with a compose file declaring `services` (name → command), and one labelled
    /// container per service, started (`docker run -d`). `web` gets httpd published on 127.0.0.1:`port`.
    struct Fixture {
        var name: String
        var dir: URL
        var port: Int

        init(_ prefix: String, services: [(String, [String])], dependsOn: [String: [String]] = [:]) throws {
            name = Harness.uniqueName(prefix)
            port = Harness.freePort()
            var yaml = "services:\n"
            for (service, command) in services {
                yaml += "  \(service):\n    image: \(LifecycleTests.image)\n"
                yaml += "    command: [" + command.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
                if service == "web" { yaml += "    ports:\n      - \"127.0.0.1:\(port):80\"\n" }
                if let deps = dependsOn[service] { yaml += "    depends_on: [" + deps.joined(separator: ", ") + "]\n" }
            }
            dir = try Harness.project(["compose.yaml": yaml])
            for (service, command) in services {
                var args = ["run", "-d", "--init", "--name", "\(name)-\(service)-1",
                            "--label", "com.docker.compose.project=\(name)",
                            "--label", "com.docker.compose.service=\(service)",
                            "--label", "com.docker.compose.container-number=1",
                            "--label", "com.docker.compose.oneoff=False",
                            "--label", "com.docker.compose.project.config_files=\(dir.path)/compose.yaml",
                            "--label", "com.docker.compose.depends_on=" + (dependsOn[service] ?? []).map { "\($0):service_started:false" }.joined(separator: ",")]
                if service == "web" { args += ["-p", "127.0.0.1:\(port):80"] }
                let r = try Harness.docker(args + [LifecycleTests.image] + command)
                #expect(r.code == 0, "\(r)")
            }
        }

        func compose(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> Harness.Result {
            try Harness.compose(["-p", name] + args, in: dir, env: env, stdin: stdin)
        }

        func container(_ service: String) -> String { "\(name)-\(service)-1" }
        func state(_ service: String) throws -> String { try Harness.inspect(container(service), "{{.State.Status}}") }
    }

    static let httpd = ["httpd", "-f", "-p", "80", "-h", "/"]
    static let sleeper = ["sleep", "2147483647"]

    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func psTableJsonQuietServicesAndStatus() throws {
        try Harness.requireDaemon()
        let f = try Fixture("scps", services: [("web", Self.httpd), ("worker", Self.sleeper)])
        defer { Harness.cleanup(project: f.name) }
        #expect(try Harness.docker(["stop", "-t", "0", f.container("worker")]).code == 0)

        let table = try f.compose(["ps"])
        #expect(table.code == 0, "\(table)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(table)")
        #expect(lines.first?.hasPrefix("NAME") == true)
        for column in ["IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS"] { #expect(lines.first?.contains(column) == true) }
        #expect(lines.last?.hasPrefix(f.container("web")) == true)
        #expect(lines.last?.contains("127.0.0.1:\(f.port)->80/tcp") == true)
        #expect(lines.last?.contains("\"httpd -f -p 80 -h /\"") == true)

        let all = try f.compose(["ps", "-a", "--format", "json"])
        #expect(all.code == 0, "\(all)")
        let objects = try Self.jsonLines(all.stdout)
        #expect(objects.map { $0["Name"] as? String } == [f.container("web"), f.container("worker")])
        #expect(objects.map { $0["Service"] as? String } == ["web", "worker"])
        #expect(objects.map { $0["State"] as? String } == ["running", "exited"])
        #expect(objects.last?["ExitCode"] as? Int == 137 || objects.last?["ExitCode"] as? Int == 143)
        let publishers = objects.first?["Publishers"] as? [[String: Any]]
        #expect(publishers?.first?["PublishedPort"] as? Int == f.port)
        #expect(publishers?.first?["URL"] as? String == "127.0.0.1")
        #expect((objects.first?["Labels"] as? String)?.contains("com.docker.compose.service=web") == true)

        let quiet = try f.compose(["ps", "-a", "-q"])
        #expect(quiet.stdout.split(separator: "\n").map(String.init).sorted() == (try Harness.containers(project: f.name)))
        #expect(try f.compose(["ps", "-a", "--services"]).stdout == "web\nworker\n")
        #expect(try f.compose(["ps", "--status", "exited", "--format", "{{.Name}} {{.State}}"]).stdout == "\(f.container("worker")) exited\n")
        #expect(try f.compose(["ps", "--filter", "status=running", "-q"]).stdout.hasPrefix(try Harness.inspect(f.container("web"), "{{.Id}}")))
        #expect(try f.compose(["ps", "-a", "worker", "--format", "{{.Service}}"]).stdout == "worker\n")

        let unknown = try f.compose(["ps", "nosuch"])
        #expect(unknown.code == 1)
        #expect(unknown.stderr.contains("no such service: nosuch"))

        // Without a compose file, -p alone finds the containers by label.
        let empty = try Harness.project([:])
        let byName = try Harness.compose(["-p", f.name, "ps", "-a", "--services"], in: empty)
        #expect(byName.stdout == "web\nworker\n", "\(byName)")
    }

    @Test func logsPrefixesTailAndNoPrefix() throws {
        try Harness.requireDaemon()
        let f = try Fixture("sclogs", services: [("web", ["sh", "-c", "echo one; echo two; echo three"]),
                                                 ("backend", ["sh", "-c", "echo hello; echo oops >&2"])])
        defer { Harness.cleanup(project: f.name) }
        _ = try Harness.docker(["wait", f.container("web"), f.container("backend")])

        let logs = try f.compose(["logs", "--no-color"])
        #expect(logs.code == 0, "\(logs)")
        // Padded to the widest name ("backend-1") plus one space, then " | "; stderr lines go to stderr.
        let out = logs.stdout.split(separator: "\n").map(String.init)
        #expect(Set(out) == ["web-1      | one", "web-1      | two", "web-1      | three", "backend-1  | hello"], "\(logs)")
        #expect(out.filter { $0.hasPrefix("web-1") } == ["web-1      | one", "web-1      | two", "web-1      | three"])
        #expect(logs.stderr.contains("backend-1  | oops"), "\(logs)")

        let tail = try f.compose(["logs", "--no-color", "--tail", "1", "web"])
        #expect(tail.stdout == "web-1  | three\n", "\(tail)")
        #expect(try f.compose(["logs", "--no-color", "-n", "2", "web"]).stdout == "web-1  | two\nweb-1  | three\n")

        let bare = try f.compose(["logs", "--no-log-prefix", "backend"])
        #expect(bare.stdout == "hello\n", "\(bare)")

        // Not a terminal: no colour codes even without --no-color.
        #expect(!(try f.compose(["logs", "backend"]).stdout.contains("\u{1B}[")))
    }

    @Test func stopStartRestartInDependencyOrder() throws {
        try Harness.requireDaemon()
        let f = try Fixture("scstop", services: [("db", Self.sleeper), ("app", Self.sleeper)], dependsOn: ["app": ["db"]])
        defer { Harness.cleanup(project: f.name) }

        let dry = try f.compose(["--dry-run", "stop", "-t", "0"])
        #expect(dry.code == 0, "\(dry)")
        #expect(dry.stderr.contains("Container \(f.container("db"))  Stopped"), "\(dry)")
        #expect(try f.state("db") == "running")

        let stop = try f.compose(["stop", "-t", "0"])
        #expect(stop.code == 0, "\(stop)")
        #expect(try f.state("db") == "exited")
        #expect(try f.state("app") == "exited")
        // Dependents first: app stops before db.
        let stopped = stop.stderr.split(separator: "\n").map(String.init).filter { $0.hasSuffix("Stopped") }
        #expect(stopped.first?.contains(f.container("app")) == true, "\(stop)")
        let ps = try Self.jsonLines(try f.compose(["ps", "-a", "--format", "json"]).stdout)
        #expect(ps.map { $0["State"] as? String } == ["exited", "exited"])

        let start = try f.compose(["start"])
        #expect(start.code == 0, "\(start)")
        #expect(try f.state("db") == "running")
        #expect(try f.state("app") == "running")
        let started = start.stderr.split(separator: "\n").map(String.init).filter { $0.hasSuffix("Started") }
        #expect(started.first?.contains(f.container("db")) == true, "\(start)")

        let before = try Harness.inspect(f.container("db"), "{{.State.StartedAt}}")
        let restart = try f.compose(["restart", "-t", "0", "db"])
        #expect(restart.code == 0, "\(restart)")
        #expect(try Harness.inspect(f.container("db"), "{{.State.StartedAt}}") != before)
        #expect(try f.state("db") == "running")

        let missing = try f.compose(["start", "nosuch"])
        #expect(missing.code == 1)
        #expect(missing.stderr.contains("no such service: nosuch"))
    }

    @Test func killPauseUnpause() throws {
        try Harness.requireDaemon()
        let f = try Fixture("sckill", services: [("web", Self.httpd), ("worker", Self.sleeper)])
        defer { Harness.cleanup(project: f.name) }

        let pause = try f.compose(["pause", "web"])
        #expect(pause.code == 0, "\(pause)")
        #expect(try f.state("web") == "paused")
        #expect(try f.state("worker") == "running")
        let paused = try f.compose(["ps", "--status", "paused", "--format", "{{.Service}}"])
        #expect(paused.stdout == "web\n")
        let unpause = try f.compose(["unpause"])
        #expect(unpause.code == 0, "\(unpause)")
        #expect(try f.state("web") == "running")

        let kill = try f.compose(["kill", "-s", "KILL", "worker"])
        #expect(kill.code == 0, "\(kill)")
        #expect(try f.state("worker") == "exited")
        #expect(try Harness.inspect(f.container("worker"), "{{.State.ExitCode}}") == "137")
        #expect(try f.state("web") == "running")
        let none = try f.compose(["kill", "worker"])
        #expect(none.code == 0)
        #expect(none.stderr.contains("no container to kill"))
    }

    @Test func rmAsksThenRemoves() throws {
        try Harness.requireDaemon()
        let f = try Fixture("scrm", services: [("web", Self.httpd), ("worker", Self.sleeper)])
        defer { Harness.cleanup(project: f.name) }
        #expect(try Harness.docker(["stop", "-t", "0", f.container("worker")]).code == 0)

        // No answer (end of input) keeps the container.
        let declined = try f.compose(["rm"])
        #expect(declined.code == 0, "\(declined)")
        #expect(declined.stdout.contains("Going to remove \(f.container("worker"))"))
        #expect(declined.stdout.contains("Are you sure? [yN]"))
        #expect(try Harness.containers(project: f.name).count == 2)

        let accepted = try f.compose(["rm"], stdin: "y\n")
        #expect(accepted.code == 0, "\(accepted)")
        #expect(try Harness.containers(project: f.name).count == 1)
        #expect(try Harness.inspect(f.container("web"), "{{.State.Status}}") == "running")

        let nothing = try f.compose(["rm", "-f"])
        #expect(nothing.stderr.contains("No stopped containers"), "\(nothing)")

        let forced = try f.compose(["rm", "-f", "-s"])
        #expect(forced.code == 0, "\(forced)")
        #expect(try Harness.containers(project: f.name).isEmpty)
    }

    @Test func portTopImagesAndLs() throws {
        try Harness.requireDaemon()
        let f = try Fixture("scport", services: [("web", Self.httpd), ("worker", Self.sleeper)])
        defer { Harness.cleanup(project: f.name) }

        let port = try f.compose(["port", "web", "80"])
        #expect(port.code == 0, "\(port)")
        #expect(port.stdout == "127.0.0.1:\(f.port)\n")
        let noPort = try f.compose(["port", "web", "81"])
        #expect(noPort.code == 1)
        #expect(noPort.stderr.contains("no port 81/tcp for container \(f.container("web"))"))
        let noContainer = try f.compose(["port", "--index", "2", "web", "80"])
        #expect(noContainer.code == 1)
        #expect(noContainer.stderr.contains("no container found for web-2"))

        let top = try f.compose(["top", "web"])
        #expect(top.code == 0, "\(top)")
        let topLines = top.stdout.split(separator: "\n").map(String.init)
        #expect(topLines.first?.hasPrefix("SERVICE") == true)
        #expect(topLines.first?.hasSuffix("CMD") == true)
        #expect(topLines.dropFirst().contains { $0.hasPrefix("web") && $0.contains("httpd") }, "\(top)")

        let images = try f.compose(["images"])
        #expect(images.code == 0, "\(images)")
        #expect(images.stdout.hasPrefix("CONTAINER"))
        #expect(images.stdout.contains(f.container("web")))
        #expect(images.stdout.contains("swiftcompose/busybox"))
        let imageID = try Harness.docker(["image", "inspect", "-f", "{{.Id}}", Self.image]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "sha256:", with: "")
        #expect(try f.compose(["images", "-q"]).stdout == imageID + "\n")

        let ls = try f.compose(["ls", "--filter", "name=\(f.name)"])
        #expect(ls.code == 0, "\(ls)")
        let row = ls.stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix(f.name) }
        #expect(row?.contains("running(2)") == true, "\(ls)")
        #expect(row?.contains("\(f.dir.path)/compose.yaml") == true, "\(ls)")
        #expect(try f.compose(["ls", "-q", "--filter", "name=\(f.name)"]).stdout == f.name + "\n")
        #expect(try Harness.docker(["stop", "-t", "0", f.container("worker")]).code == 0)
        let lsJSON = try f.compose(["ls", "-a", "--format", "json", "--filter", "name=\(f.name)"])
        let stacks = try #require(JSONSerialization.jsonObject(with: Data(lsJSON.stdout.utf8)) as? [[String: Any]])
        #expect(stacks.first?["Name"] as? String == f.name)
        #expect(stacks.first?["Status"] as? String == "exited(1), running(1)")
    }

    @Test func eventsSeeAStart() throws {
        try Harness.requireDaemon()
        let f = try Fixture("scevents", services: [("web", Self.httpd)])
        defer { Harness.cleanup(project: f.name) }
        let since = Int(Date().timeIntervalSince1970) - 1
        #expect(try f.compose(["restart", "-t", "0"]).code == 0)
        // A past --until makes the daemon replay and close the stream.
        let until = Int(Date().timeIntervalSince1970) + 1
        let events = try f.compose(["events", "--json", "--since", String(since), "--until", String(until)])
        #expect(events.code == 0, "\(events)")
        let objects = try Self.jsonLines(events.stdout)
        let start = objects.first { $0["action"] as? String == "start" }
        #expect(start?["service"] as? String == "web", "\(events)")
        #expect(start?["type"] as? String == "container")
        #expect((start?["attributes"] as? [String: String])?["name"] == f.container("web"))
        #expect((start?["attributes"] as? [String: String])?.keys.contains { $0.hasPrefix("com.docker.compose.") } == false)
    }

    @Test func waitReturnsTheExitCodeAndDownProject() throws {
        try Harness.requireDaemon()
        let f = try Fixture("scwait", services: [("job", ["sh", "-c", "sleep 5; exit 3"]), ("keep", Self.sleeper)])
        defer { Harness.cleanup(project: f.name) }
        let wait = try f.compose(["wait", "--down-project", "job"])
        #expect(wait.code == 3, "\(wait)")
        #expect(wait.stdout.contains("exited with status code 3"))
        // --down-project removes the whole project, the service not waited for included.
        #expect(try Harness.containers(project: f.name).isEmpty, "\(wait)")
        let noArgs = try f.compose(["wait"])
        #expect(noArgs.code != 0)
    }

    @Test func logsFollowUntilTheContainersStop() throws {
        try Harness.requireDaemon()
        let f = try Fixture("scfollow", services: [("job", ["sh", "-c", "echo first; sleep 3; echo second"])])
        defer { Harness.cleanup(project: f.name) }
        // -f returns by itself once every followed container has stopped.
        let logs = try f.compose(["logs", "-f", "--no-color"])
        #expect(logs.code == 0, "\(logs)")
        #expect(logs.stdout == "job-1  | first\njob-1  | second\n", "\(logs)")
    }

    @Test func scaleThroughTheReconciler() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scscl")
        defer { Harness.cleanup(project: name) }
        let dir = try Harness.project(["compose.yaml": """
            services:
              web:
                image: \(Self.image)
                command: ["sleep", "2147483647"]
                init: true
            """])
        let up = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(up.code == 0, "\(up)")
        let three = try Harness.compose(["-p", name, "scale", "web=3"], in: dir)
        #expect(three.code == 0, "\(three)")
        #expect(try Harness.containers(project: name, service: "web", all: false).count == 3)
        let ps = try Harness.compose(["-p", name, "ps", "--format", "{{.Name}}"], in: dir)
        #expect(ps.stdout == (1...3).map { "\(name)-web-\($0)\n" }.joined(), "\(ps)")
        let one = try Harness.compose(["-p", name, "scale", "web=1"], in: dir)
        #expect(one.code == 0, "\(one)")
        #expect(try Harness.containers(project: name, service: "web").count == 1)
        let bad = try Harness.compose(["-p", name, "scale", "nosuch=2"], in: dir)
        #expect(bad.code == 1)
        #expect(bad.stderr.contains("no such service: nosuch"))
    }

    @Test func versionNeedsNoDaemon() throws {
        try Harness.requireBinary()
        let dir = try Harness.project([:])
        #expect(try Harness.compose(["version", "--short"], in: dir).stdout == "0.1.0\n")
        #expect(try Harness.compose(["version"], in: dir).stdout == "swiftcompose version v0.1.0\n")
        #expect(try Harness.compose(["version", "--format", "json"], in: dir).stdout == "{\"version\":\"v0.1.0\"}\n")
        #expect(try Harness.compose(["-p", "x", "version", "-f", "json"], in: dir).stdout == "{\"version\":\"v0.1.0\"}\n")
    }

    @Test func unreachableDaemonIsOneLineAndExit1() throws {
        try Harness.requireBinary()
        let dir = try Harness.project([:])
        let r = try Harness.compose(["-p", "nodaemon", "ps"], in: dir, env: ["DOCKER_HOST": "unix:///nonexistent/docker.sock"])
        #expect(r.code == 1, "\(r)")
        #expect(r.stderr.contains("DOCKER_HOST=unix:///nonexistent/docker.sock"), "\(r)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r)")
    }
}
