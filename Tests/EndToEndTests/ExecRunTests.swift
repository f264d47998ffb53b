import Foundation
import Testing

/// exec, run, cp, stats and attach against the real daemon, checked with the docker CLI. Each test owns
/// a project and removes everything of it afterwards.
@Suite(.serialized) struct ExecRunTests {
    static let image = Harness.image

    static let compose = """
    services:
      svc:
        image: \(image)
        command: ["sleep", "2147483647"]
        init: true
      db:
        image: \(image)
        command: ["sleep", "2147483647"]
        init: true
      app:
        image: \(image)
        command: ["sleep", "2147483647"]
        init: true
        depends_on:
          - db
    """

    /// A project directory with the stack above, `svc` brought up with `up -d`.
    static func stack(_ project: String, up services: [String] = ["svc"]) throws -> URL {
        let dir = try Harness.project(["compose.yaml": compose])
        if !services.isEmpty {
            let r = try Harness.compose(["-p", project, "up", "-d"] + services, in: dir)
            #expect(r.code == 0, "up -d failed: \(r)")
        }
        return dir
    }

    static func oneOffs(_ project: String) throws -> [String] {
        try Harness.docker(["ps", "-aq", "--filter", "label=com.docker.compose.project=\(project)",
                            "--filter", "label=com.docker.compose.oneoff=True"]).stdout
            .split(separator: "\n").map(String.init)
    }

    // MARK: exec

    @Test func execWithoutTTYSeparatesStreamsAndPropagatesExitCode() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scexec")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project)
        let r = try Harness.compose(["-p", project, "exec", "-T", "svc", "sh", "-c", "echo hi; echo oops >&2; exit 3"], in: dir)
        #expect(r.code == 3, "\(r)")
        #expect(r.stdout == "hi\n")
        #expect(r.stderr.contains("oops"))
        #expect(!r.stdout.contains("oops"))
    }

    @Test func execForwardsPipedStdin() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scexec")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project)
        let input = (1...2000).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let r = try Harness.compose(["-p", project, "exec", "-T", "svc", "cat"], in: dir, stdin: input)
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout == input)
        // Options after the command belong to the command.
        let env = try Harness.compose(["-p", project, "exec", "-T", "-e", "GREETING=hello", "-w", "/etc", "svc",
                                       "sh", "-c", "echo $GREETING $(pwd)"], in: dir)
        #expect(env.stdout == "hello /etc\n", "\(env)")
    }

    @Test func execOfAServiceWithoutRunningContainerFails() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scexec")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project)
        let r = try Harness.compose(["-p", project, "exec", "-T", "db", "true"], in: dir)
        #expect(r.code == 1)
        #expect(r.stderr.contains("service \"db\" is not running"), "\(r)")
        let unknown = try Harness.compose(["-p", project, "exec", "-T", "nosuch", "true"], in: dir)
        #expect(unknown.code == 1)
        #expect(unknown.stderr.contains("no such service: nosuch"), "\(unknown)")
        let index = try Harness.compose(["-p", project, "exec", "-T", "--index", "2", "svc", "true"], in: dir)
        #expect(index.code == 1)
        #expect(index.stderr.contains("service \"svc\" is not running container #2"), "\(index)")
    }

    /// Runs argv under a pseudo-terminal (Python's pty module), types `input` once a shell prompt
    /// shows, and returns what the terminal showed and the exit code.
    static func underTerminal(_ argv: [String], in dir: URL, input: String) throws -> Harness.Result {
        let driver = """
        import os, pty, select, sys, time
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(sys.argv[1])
            os.execv(sys.argv[3], sys.argv[3:])
        out = b""
        sent = False
        guard = time.time() + 120  # a hang guard, not an assertion
        while time.time() < guard:
            r, _, _ = select.select([fd], [], [], 0.5)
            if fd in r:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                out += data
            if not sent and (b"# " in out or b"$ " in out):
                os.write(fd, sys.argv[2].encode())
                sent = True
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(out.decode("utf-8", "replace"))
        sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 99)
        """
        return try Harness.run(["/usr/bin/env", "python3", "-c", driver, dir.path, input] + argv)
    }

    /// An interactive `exec` through a pseudo-terminal: the typed command runs, `exit 5` becomes our exit code.
    @Test func interactiveExecThroughAPseudoTerminal() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scexec")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project)
        let r = try Self.underTerminal([Harness.binary, "-p", project, "exec", "svc", "sh"], in: dir,
                                       input: "echo typed-$((1+2))\nexit 5\n")
        #expect(r.code == 5, "\(r)")
        #expect(r.stdout.contains("typed-3"), "\(r)")
    }

    /// After the session the terminal is back in cooked mode (line editing and echo on), also when
    /// the exec fails.
    @Test func interactiveExecRestoresTheTerminal() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scexec")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project)
        // The host's sh runs exec, then reports the terminal settings it is left with.
        let script = "\"$0\" -p \(project) exec svc sh; echo \"rc=$?\"; \"$0\" -p \(project) exec svc /no/such/program; "
            + "echo \"rc2=$?\"; stty -a"
        let r = try Self.underTerminal(["/bin/sh", "-c", script, Harness.binary], in: dir, input: "exit 2\n")
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.contains("rc=2"), "\(r)")
        #expect(!r.stdout.contains("rc2=0"), "\(r)")
        let settings = r.stdout.components(separatedBy: .whitespacesAndNewlines)
        #expect(settings.contains("icanon") && settings.contains("echo"), "\(r)")
        #expect(!settings.contains("-icanon") && !settings.contains("-echo"), "\(r)")
    }

    /// SIGTERM in the middle of a session: the terminal is restored before we exit with 128+15.
    @Test func interactiveExecRestoresTheTerminalOnSIGTERM() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scexec")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project)
        let driver = """
        import os, pty, select, signal, sys, termios, time
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(sys.argv[1])
            os.execv(sys.argv[2], sys.argv[2:])
        out = b""
        raw_seen = None
        guard = time.time() + 120  # a hang guard, not an assertion
        while time.time() < guard:
            r, _, _ = select.select([fd], [], [], 0.5)
            if fd in r:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                out += data
            if raw_seen is None and (b"# " in out or b"$ " in out):
                lflag = termios.tcgetattr(fd)[3]
                raw_seen = not (lflag & termios.ICANON)
                os.kill(pid, signal.SIGTERM)
        _, status = os.waitpid(pid, 0)
        lflag = termios.tcgetattr(fd)[3]
        print("raw-during=%s cooked-after=%s" % (raw_seen, bool(lflag & termios.ICANON and lflag & termios.ECHO)))
        sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 99)
        """
        let r = try Harness.run(["/usr/bin/env", "python3", "-c", driver, dir.path, Harness.binary,
                                 "-p", project, "exec", "svc", "sh"])
        #expect(r.code == 143, "\(r)")
        #expect(r.stdout.contains("raw-during=True cooked-after=True"), "\(r)")
    }

    /// The container's terminal takes our window size at start and follows it on SIGWINCH.
    @Test func interactiveExecFollowsTheWindowSize() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scexec")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project)
        let driver = """
        import fcntl, os, select, struct, sys, termios, time
        def setsize(fd, rows, cols):
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        master, slave = os.openpty()
        setsize(slave, 40, 100)
        pid = os.fork()
        if pid == 0:
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for n in (0, 1, 2):
                os.dup2(slave, n)
            os.chdir(sys.argv[1])
            os.execv(sys.argv[2], sys.argv[2:])
        os.close(slave)
        out = b""
        step = 0
        prompts = 0
        guard = time.time() + 120  # a hang guard, not an assertion
        while time.time() < guard:
            r, _, _ = select.select([master], [], [], 0.5)
            if master in r:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    break
                if not data:
                    break
                out += data
            seen = out.count(b"# ")
            if seen > prompts:
                prompts = seen
                if step == 0:
                    os.write(master, b"stty size\\n"); step = 1
                elif step == 1 and b"40 100" in out:
                    setsize(master, 50, 120); step = 2
                    os.write(master, b"stty size\\n")
                elif step == 2 and b"50 120" in out:
                    os.write(master, b"exit 3\\n"); step = 3
                elif step == 2:
                    os.write(master, b"stty size\\n")  # the resize may still be on its way
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(out.decode("utf-8", "replace"))
        sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 99)
        """
        let r = try Harness.run(["/usr/bin/env", "python3", "-c", driver, dir.path, Harness.binary,
                                 "-p", project, "exec", "svc", "sh"])
        #expect(r.code == 3, "\(r)")
        #expect(r.stdout.contains("40 100"), "\(r)")
        #expect(r.stdout.contains("50 120"), "\(r)")
    }

    @Test func interactiveRunThroughAPseudoTerminal() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scrun")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project, up: [])
        let r = try Self.underTerminal([Harness.binary, "-p", project, "run", "--rm", "svc", "sh"], in: dir,
                                       input: "echo typed-$((2+2))\nexit 6\n")
        #expect(r.code == 6, "\(r)")
        #expect(r.stdout.contains("typed-4"), "\(r)")
        #expect(try Self.oneOffs(project).isEmpty)
    }

    // MARK: run

    @Test func runRemovesTheOneOffAndPropagatesExitCode() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scrun")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project, up: [])
        let r = try Harness.compose(["-p", project, "run", "--rm", "svc", "sh", "-c", "echo out; exit 4"], in: dir)
        #expect(r.code == 4, "\(r)")
        #expect(r.stdout.contains("out"))
        #expect(try Self.oneOffs(project).isEmpty)
        // The service's own containers were not created by run.
        #expect(try Harness.containers(project: project, service: "svc").isEmpty)
    }

    @Test func runDetachedLeavesALabelledOneOff() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scrun")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project, up: [])
        let r = try Harness.compose(["-p", project, "run", "-d", "-l", "extra=yes", "svc", "sleep", "300"], in: dir)
        #expect(r.code == 0, "\(r)")
        let id = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let oneOffs = try Self.oneOffs(project)
        #expect(oneOffs.count == 1)
        #expect(id.hasPrefix(oneOffs.first ?? "-"))
        #expect(try Harness.inspect(id, "{{index .Config.Labels \"com.docker.compose.oneoff\"}}") == "True")
        #expect(try Harness.inspect(id, "{{index .Config.Labels \"com.docker.compose.service\"}}") == "svc")
        #expect(try Harness.inspect(id, "{{index .Config.Labels \"extra\"}}") == "yes")
        #expect(try Harness.inspect(id, "{{.State.Running}}") == "true")
        let name = try Harness.inspect(id, "{{.Name}}")
        #expect(name.range(of: "^/\(project)-svc-run-[0-9a-f]{12}$", options: .regularExpression) != nil, "\(name)")
        // Attached to the project's default network.
        #expect(try Harness.inspect(id, "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}") == "\(project)_default")
    }

    /// After `run`, `-p` publishes (the project's `-p` goes before `run`); the command's own `-p` stays its own.
    @Test func runShortPFlagPublishesAPort() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scrun")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project, up: [])
        let port = Harness.freePort()
        try "published\n".write(to: dir.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let r = try Harness.compose(["-p", project, "run", "-d", "-p", "127.0.0.1:\(port):80", "-v", "\(dir.path):/www:ro",
                                     "svc", "httpd", "-f", "-p", "80", "-h", "/www"], in: dir)
        #expect(r.code == 0, "\(r)")
        let id = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Harness.inspect(id, "{{index .Config.Labels \"com.docker.compose.project\"}}") == project)
        #expect(try Harness.httpGet(port: port) == "published\n")
    }

    @Test func runStartsDependenciesUnlessNoDeps() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scrun")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project, up: [])
        let noDeps = try Harness.compose(["-p", project, "run", "--rm", "--no-deps", "app", "true"], in: dir)
        #expect(noDeps.code == 0, "\(noDeps)")
        #expect(try Harness.containers(project: project, service: "db").isEmpty)
        let r = try Harness.compose(["-p", project, "run", "--rm", "app", "true"], in: dir)
        #expect(r.code == 0, "\(r)")
        let db = try Harness.containers(project: project, service: "db", all: false)
        #expect(db.count == 1)
        #expect(try Harness.containers(project: project, service: "app").isEmpty)
    }

    @Test func runPipesStdinAndEnvironment() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scrun")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project, up: [])
        let r = try Harness.compose(["-p", project, "run", "--rm", "-T", "-e", "X=42", "svc", "sh", "-c", "cat; echo x=$X"],
                                    in: dir, stdin: "piped\n")
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.hasSuffix("piped\nx=42\n"), "\(r)")
    }

    @Test func runBuildsTheImageWithBuild() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scrunb")
        defer {
            Harness.cleanup(project: project)
            _ = try? Harness.docker(["rmi", "-f", "\(project)-built"])
        }
        let dir = try Harness.project([
            "compose.yaml": """
            services:
              built:
                build: .
            """,
            "Dockerfile": "FROM \(Self.image)\nRUN echo made-by-build > /marker\n",
        ])
        let r = try Harness.compose(["-p", project, "run", "--rm", "--build", "built", "cat", "/marker"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.contains("made-by-build"), "\(r)")
    }

    // MARK: cp

    @Test func cpRoundTripsAFileAndADirectory() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("sccp")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project)
        let local = try Harness.project([
            "one.txt": "first file\n",
            "tree/a.txt": "alpha\n",
            "tree/sub/b.txt": String(repeating: "b", count: 70_000),
        ])
        defer { try? FileManager.default.removeItem(at: local) }

        // The image has no /tmp: work in a directory made for the test.
        let container = "\(project)-svc-1"
        #expect(try Harness.docker(["exec", container, "mkdir", "/work"]).code == 0)

        // File in, checked with docker exec; then back out under a new name.
        var r = try Harness.compose(["-p", project, "cp", local.appendingPathComponent("one.txt").path, "svc:/work/copied.txt"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(try Harness.docker(["exec", container, "cat", "/work/copied.txt"]).stdout == "first file\n")
        let back = local.appendingPathComponent("back.txt")
        r = try Harness.compose(["-p", project, "cp", "svc:/work/copied.txt", back.path], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(try String(contentsOf: back, encoding: .utf8) == "first file\n")

        // Directory in (into an existing directory: lands under its own name), then out to a new path.
        r = try Harness.compose(["-p", project, "cp", local.appendingPathComponent("tree").path, "svc:/work"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(try Harness.docker(["exec", container, "cat", "/work/tree/a.txt"]).stdout == "alpha\n")
        #expect(try Harness.docker(["exec", container, "wc", "-c", "/work/tree/sub/b.txt"]).stdout.contains("70000"))
        // Into a path that does not exist yet: the directory takes that name.
        r = try Harness.compose(["-p", project, "cp", local.appendingPathComponent("tree").path, "svc:/work/renamed"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(try Harness.docker(["exec", container, "cat", "/work/renamed/sub/b.txt"]).stdout.count == 70_000)
        let out = local.appendingPathComponent("tree-back")
        r = try Harness.compose(["-p", project, "cp", "svc:/work/tree", out.path], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(try String(contentsOf: out.appendingPathComponent("a.txt"), encoding: .utf8) == "alpha\n")
        #expect(try String(contentsOf: out.appendingPathComponent("sub/b.txt"), encoding: .utf8)
            == String(repeating: "b", count: 70_000))

        // A symlink comes out as a link, or with -L as the file it points to.
        #expect(try Harness.docker(["exec", container, "ln", "-s", "copied.txt", "/work/link"]).code == 0)
        let link = local.appendingPathComponent("link-out")
        r = try Harness.compose(["-p", project, "cp", "svc:/work/link", link.path], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "copied.txt")
        let followed = local.appendingPathComponent("followed")
        r = try Harness.compose(["-p", project, "cp", "-L", "svc:/work/link", followed.path], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(try String(contentsOf: followed, encoding: .utf8) == "first file\n")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: followed.path)) == nil)

        // "-" streams the tar itself.
        let tar = try Harness.run(["/bin/sh", "-c", "\"$0\" -p \(project) cp svc:/work/tree - | tar -tf -", Harness.binary], cwd: dir)
        #expect(tar.code == 0, "\(tar)")
        #expect(tar.stdout.split(separator: "\n").map { $0.hasSuffix("/") ? String($0.dropLast()) : String($0) }.sorted()
            == ["tree", "tree/a.txt", "tree/sub", "tree/sub/b.txt"], "\(tar)")

        // A missing source is one clear error.
        r = try Harness.compose(["-p", project, "cp", "svc:/no/such/file", local.path], in: dir)
        #expect(r.code == 1)
        #expect(r.stderr.contains("/no/such/file"), "\(r)")
    }

    // MARK: stats

    @Test func statsNoStreamJSONHasCPUAndMemory() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scstats")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project)
        let r = try Harness.compose(["-p", project, "stats", "--no-stream", "--format", "json"], in: dir)
        #expect(r.code == 0, "\(r)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(r)")
        let object = try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: String]
        #expect(object?["Name"] == "\(project)-svc-1")
        #expect(object?["CPUPerc"]?.hasSuffix("%") == true)
        #expect(object?["MemPerc"]?.hasSuffix("%") == true)
        let mem = object?["MemUsage"] ?? ""
        #expect(mem.contains(" / ") && mem.contains("B"), "\(mem)")
        #expect(object?["PIDs"].flatMap(Int.init).map { $0 >= 1 } == true)

        let table = try Harness.compose(["-p", project, "stats", "--no-stream"], in: dir)
        #expect(table.stdout.hasPrefix("CONTAINER ID"), "\(table)")
        #expect(table.stdout.contains("\(project)-svc-1"))
    }

    // MARK: attach

    @Test func attachForwardsStdinAndReturnsTheExitCode() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scattach")
        defer { Harness.cleanup(project: project) }
        let dir = try Harness.project(["compose.yaml": """
            services:
              reader:
                image: \(Self.image)
                stdin_open: true
                command: ["sh", "-c", "read line; echo got $$line; exit 7"]
            """])
        let up = try Harness.compose(["-p", project, "up", "-d"], in: dir)
        #expect(up.code == 0, "\(up)")
        // Stdin stays open until attach ends, as a user's would: when attached stdin ends first, the
        // daemon closes the output streams too (docker attach behaves the same).
        let attach = Process()
        attach.executableURL = URL(fileURLWithPath: Harness.binary)
        attach.arguments = ["-p", project, "attach", "reader"]
        attach.currentDirectoryURL = dir
        let input = Pipe(), output = Pipe()
        attach.standardInput = input
        attach.standardOutput = output
        attach.standardError = FileHandle.nullDevice
        try attach.run()
        input.fileHandleForWriting.write(Data("hello\n".utf8))
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        attach.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(attach.terminationStatus == 7)
        #expect(String(decoding: stdout, as: UTF8.self).contains("got hello"))
    }

    @Test func attachDetachKeysLeaveTheContainerRunning() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("scattach")
        defer { Harness.cleanup(project: project) }
        let dir = try Harness.project(["compose.yaml": """
            services:
              reader:
                image: \(Self.image)
                stdin_open: true
                command: ["sh", "-c", "read line; echo got $$line; exit 7"]
            """])
        let up = try Harness.compose(["-p", project, "up", "-d"], in: dir)
        #expect(up.code == 0, "\(up)")
        // Ctrl-P Ctrl-Q (the default detach keys) never reach the container; the rest does not either, as we left.
        let r = try Harness.compose(["-p", project, "attach", "reader"], in: dir, stdin: "\u{10}\u{11}late\n")
        #expect(r.code == 0, "\(r)")
        #expect(r.stderr.contains("read escape sequence"), "\(r)")
        #expect(try Harness.inspect("\(project)-reader-1", "{{.State.Running}}") == "true")
        // A custom sequence.
        let custom = try Harness.compose(["-p", project, "attach", "--detach-keys", "ctrl-x,x", "reader"], in: dir,
                                         stdin: "\u{18}x")
        #expect(custom.code == 0, "\(custom)")
        #expect(try Harness.inspect("\(project)-reader-1", "{{.State.Running}}") == "true")
        let bad = try Harness.compose(["-p", project, "attach", "--detach-keys", "ctrl-", "reader"], in: dir)
        #expect(bad.code != 0)
    }

    // MARK: create

    @Test func createMakesContainersWithoutStartingThem() throws {
        try Harness.requireDaemon()
        let project = Harness.uniqueName("sccreate")
        defer { Harness.cleanup(project: project) }
        let dir = try Self.stack(project, up: [])
        let r = try Harness.compose(["-p", project, "create", "svc"], in: dir)
        #expect(r.code == 0, "\(r)")
        let ids = try Harness.containers(project: project, service: "svc")
        #expect(ids.count == 1)
        #expect(try Harness.inspect(ids.first ?? "-", "{{.State.Status}}") == "created")
    }
}
