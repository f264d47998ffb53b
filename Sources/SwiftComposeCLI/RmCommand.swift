import Foundation
public import ArgumentParser
import EngineAPI

/// `rm`: removes the stopped containers of the services after confirmation (`-f` skips it;
/// `-s` stops running ones first). The question is read from stdin even when it is not a terminal,
/// as Compose does: anything but y/yes answers no, and end of input answers no.
public struct RmCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "rm", abstract: "Removes stopped service containers")

    @OptionGroup public var global: GlobalOptions
    @Flag(name: .customLong("force"), help: "Don't ask to confirm removal (-f after `rm`)")
    var force = false
    @Flag(name: [.short, .customLong("stop")], help: "Stop the containers, if required, before removing")
    var stop = false
    @Flag(name: [.short, .customLong("volumes")], help: "Remove any anonymous volumes attached to containers")
    var volumes = false
    @Flag(name: [.short, .customLong("all")], help: .hidden)
    var all = false
    @Argument(help: "Services to remove (default: all)")
    var services: [String] = []

    public init() {}

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            if stop { try await StopCommand.stop(scope, services: services, timeout: nil) }
            let stopped = try await scope.containers(services: services, orphans: false).filter { !$0.isUp }
            if stopped.isEmpty {
                StandardOutput.error("No stopped containers")
                return
            }
            let message = "Going to remove " + stopped.map(\.name).joined(separator: ", ")
            if force {
                StandardOutput.line(message)
            } else if !Self.confirm(message) {
                return
            }
            var runner = LifecycleRunner(context: scope.context, working: "Removing", done: "Removed")
            runner.alreadyDone = { $0.isNotFound }
            let engine = scope.engine
            let (force, volumes) = (self.force, self.volumes)
            try await runner.run([stopped]) { try await engine.removeContainer($0.id, force: force, volumes: volumes) }
        }
    }

    /// Asks on stdout, reads one line from stdin.
    static func confirm(_ message: String) -> Bool {
        StandardOutput.write(message + "\nAre you sure? [yN] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if isatty(STDIN_FILENO) != 1 { StandardOutput.write("\n") }
        return ["y", "yes", "true", "1"].contains(answer)
    }
}
