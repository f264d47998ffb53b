import Foundation
public import ArgumentParser
import EngineAPI

/// `attach SERVICE`: connects our stdin/stdout/stderr to a service's running container. With a TTY
/// container and a terminal, raw mode and the window size follow; the detach keys (Ctrl-P Ctrl-Q by
/// default) leave it running. When the container stops, its exit code becomes ours.
public struct AttachCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "attach", abstract: "Attach local standard input, output, and error streams to a service's running container")

    @OptionGroup public var global: GlobalOptions

    @Option(name: .customLong("detach-keys"), help: "Override the key sequence for detaching from a container")
    var detachKeys: String?
    @Option(name: .customLong("index"), help: "index of the container if service has multiple replicas")
    var index: Int?
    @Flag(name: .customLong("no-stdin"), help: "Do not attach STDIN")
    var noStdin = false
    @Option(name: .customLong("sig-proxy"), help: "Proxy all received signals to the process (true|false)")
    var sigProxy: Bool = true
    @Argument(help: "Service name")
    var service: String

    public init() {}

    static let defaultDetachKeys = "ctrl-p,ctrl-q"

    public func validate() throws {
        if let index, index < 1 { throw ValidationError("--index must be 1 or more") }
        if let keys = detachKeys, DetachKeyMatcher.parse(keys) == nil {
            throw ValidationError("invalid --detach-keys \"\(keys)\": use a comma-separated list like ctrl-p,ctrl-q "
                                  + "(ctrl-<a-z, @, [, \\, ], ^, _> or single characters)")
        }
    }

    public func run() async throws {
        var exitCode: Int32 = 0
        try await failing { () async throws(CommandFailure) in
            let name = try ServiceContainers.projectName(global, services: [service])
            let context = try CommandContext(global: global)
            let container = try await ServiceContainers(engine: context.engine, project: name)
                .running(service: service, index: index)
            do {
                exitCode = try await attach(engine: context.engine, id: container.id)
            } catch let e as CommandFailure {
                throw e
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    func attach(engine: EngineClient, id: String) async throws -> Int32 {
        let inspect = try await engine.inspectContainer(id)
        let tty = inspect.config?.tty ?? false
        let stdinOpen = inspect.config?.openStdin ?? false
        let forward = !noStdin && stdinOpen
        let keys = DetachKeyMatcher.parse(detachKeys ?? Self.defaultDetachKeys)
        let connection = try await engine.attachContainer(id, tty: tty, stdin: forward, stdout: true, stderr: true,
                                                          detachKeys: detachKeys)
        let session = AttachedSession(connection: connection, forwardStdin: forward, detachKeys: keys)
        let outcome: AttachedSession.Outcome
        if tty && forward && Terminal.isTerminal(STDIN_FILENO) {
            outcome = try await session.runInTerminal { rows, columns in
                try? await engine.resizeContainer(id, height: rows, width: columns)
            }
        } else {
            let proxy = sigProxy && !tty ? SignalProxy { name in Task { try? await engine.killContainer(id, signal: name) } } : nil
            defer { proxy?.stop() }
            outcome = try await session.run()
        }
        await connection.close()
        if outcome == .detached {
            Output.write("\r\nread escape sequence\r\n", to: STDERR_FILENO)
            return 0
        }
        // The stream ended: the container stopped (or is stopping); report its exit code.
        let code = try await engine.waitContainer(id, condition: .notRunning)
        return Int32(truncatingIfNeeded: code)
    }
}
