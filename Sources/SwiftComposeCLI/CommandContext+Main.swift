import ArgumentParser
import Foundation

extension SwiftCompose {
    /// The entry point main.swift calls: runs async subcommands (`up`, `down`), which ArgumentParser's
    /// synchronous `main` refuses, and exits 1 on usage errors as Docker Compose does (not 64).
    public static func run(arguments: [String]?) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}
