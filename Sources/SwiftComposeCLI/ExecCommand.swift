import Foundation
public import ArgumentParser
import EngineAPI

/// `exec SERVICE COMMAND [ARGS...]`: runs a command in a service's running container. Interactive with
/// a TTY when stdin and stdout are terminals (raw mode, window size kept in sync); otherwise output is
/// demultiplexed to stdout/stderr and piped stdin is forwarded. The command's exit code becomes ours.
public struct ExecCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "exec", abstract: "Execute a command in a running container")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: [.short, .customLong("detach")], help: "Detached mode: Run command in the background")
    var detach = false
    @Option(name: [.short, .customLong("env")], help: "Set environment variables")
    var env: [String] = []
    @Option(name: .customLong("index"), help: "Index of the container if service has multiple replicas")
    var index: Int?
    @Flag(name: .customLong("privileged"), help: "Give extended privileges to the process")
    var privileged = false
    @Option(name: [.short, .customLong("user")], help: "Run the command as this user")
    var user: String?
    @Flag(name: [.customShort("T"), .customLong("no-TTY")], help: "Disable pseudo-TTY allocation. By default `exec` allocates a TTY when stdin and stdout are terminals")
    var noTTY = false
    @Flag(name: [.short, .customLong("interactive")], help: .hidden)
    var interactive = false
    @Flag(name: [.short, .customLong("tty")], help: .hidden)
    var tty = false
    @Option(name: [.short, .customLong("workdir")], help: "Path to workdir directory for this command")
    var workdir: String?
    @Argument(help: "Service name")
    var service: String
    @Argument(parsing: .captureForPassthrough, help: "Command and its arguments")
    var command: [String] = []

    public init() {}

    public func validate() throws {
        if command.isEmpty { throw ValidationError("missing command: swiftcompose exec SERVICE COMMAND [ARGS...]") }
        if let index, index < 1 { throw ValidationError("--index must be 1 or more") }
    }

    /// Environment entries; `KEY` alone takes our own value of KEY (and is dropped when we have none).
    static func resolveEnvironment(_ entries: [String], from environment: [String: String]) -> [String] {
        entries.compactMap { entry in
            if entry.contains("=") { return entry }
            return environment[entry].map { "\(entry)=\($0)" }
        }
    }

    public func run() async throws {
        var exitCode: Int32 = 0
        try await failing { () async throws(CommandFailure) in
            let name = try ServiceContainers.projectName(global, services: [service])
            let context = try CommandContext(global: global)
            let container = try await ServiceContainers(engine: context.engine, project: name)
                .running(service: service, index: index)
            let useTTY = !noTTY && Terminal.isTerminal(STDIN_FILENO) && Terminal.isTerminal(STDOUT_FILENO)
            do {
                exitCode = try await execute(engine: context.engine, container: container.id, tty: useTTY)
            } catch let e as CommandFailure {
                throw e
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    func execute(engine: EngineClient, container: String, tty: Bool) async throws -> Int32 {
        // A terminal stdin is forwarded only to a TTY session; with -T only piped or redirected input is
        // (otherwise the process gets no stdin rather than one that never ends).
        let forward = tty || !Terminal.isTerminal(STDIN_FILENO)
        let body = ExecCreateBody(
            cmd: command, attachStdin: !detach && forward, attachStdout: !detach, attachStderr: !detach, tty: tty,
            env: env.isEmpty ? nil : Self.resolveEnvironment(env, from: ProcessInfo.processInfo.environment),
            privileged: privileged ? true : nil, user: user, workingDir: workdir)
        let id = try await engine.createExec(container: container, body: body)
        if detach {
            for try await _ in try await engine.startExec(id, detach: true, tty: tty) {}
            return 0
        }
        let connection = try await engine.attachExec(id, tty: tty)
        if tty {
            _ = try await AttachedSession(connection: connection, forwardStdin: forward).runInTerminal { rows, columns in
                try? await engine.resizeExec(id, height: rows, width: columns)
            }
        } else {
            _ = try await AttachedSession(connection: connection, forwardStdin: forward).run()
        }
        await connection.close()
        // The output can end a moment before the daemon records the exit code.
        for _ in 0..<50 {
            let inspect = try await engine.inspectExec(id)
            if inspect.running != true, let code = inspect.exitCode { return Int32(truncatingIfNeeded: code) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Int32(truncatingIfNeeded: try await engine.inspectExec(id).exitCode ?? 0)
    }
}
