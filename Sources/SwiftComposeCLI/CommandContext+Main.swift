public import ArgumentParser

extension SwiftCompose {
    /// `await SwiftCompose.run(arguments:)` from main.swift: runs async subcommands
    /// (`up`, `down`) instead of ArgumentParser's synchronous entry, which refuses them.
    public static func run(arguments: [String]?) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
