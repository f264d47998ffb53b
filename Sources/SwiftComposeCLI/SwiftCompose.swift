public import ArgumentParser

public struct SwiftCompose: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "swiftcompose",
        abstract: "Define and run multi-container applications with Docker.",
        subcommands: [
            ConfigCommand.self,
            UpCommand.self,
            DownCommand.self,
            CreateCommand.self,
            ExecCommand.self,
            RunCommand.self,
            AttachCommand.self,
            CpCommand.self,
            StatsCommand.self,
            PsCommand.self,
            LogsCommand.self,
            StartCommand.self,
            StopCommand.self,
            RestartCommand.self,
            KillCommand.self,
            RmCommand.self,
            PauseCommand.self,
            UnpauseCommand.self,
            ScaleCommand.self,
            TopCommand.self,
            PortCommand.self,
            ImagesCommand.self,
            LsCommand.self,
            EventsCommand.self,
            WaitCommand.self,
            VersionCommand.self,
            SuperviseCommand.self,
            BuildCommand.self,
            PullCommand.self,
            PushCommand.self,
        ]
    )
    public init() {}
}
