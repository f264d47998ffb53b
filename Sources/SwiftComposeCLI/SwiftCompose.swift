public import ArgumentParser

public struct SwiftCompose: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "swiftcompose",
        abstract: "Define and run multi-container applications with Docker.",
        subcommands: [
            ConfigCommand.self,
            UpCommand.self,
            DownCommand.self,
            BuildCommand.self,
            PullCommand.self,
            PushCommand.self,
        ]
    )
    public init() {}
}
