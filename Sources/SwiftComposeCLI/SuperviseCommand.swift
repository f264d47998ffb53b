import Foundation
public import ArgumentParser
import ComposeModel
import Logging
import ServiceLifecycle
import Supervisor
import LoadBalancer
import Planner

/// `supervise`: the supervisor alone, in the foreground (for a process manager, or inside the
/// project's supervisor container): restarts failed containers with backoff, heals unhealthy ones,
/// repairs replica counts. SIGTERM or Ctrl-C ends it; the containers keep running.
public struct SuperviseCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "supervise",
        abstract: "Keep the project's containers as declared: restart, heal, repair replicas (foreground)")

    @OptionGroup public var global: GlobalOptions

    @Option(name: .customLong("status-file"), help: "Write the supervision status (JSON) to this file, and read it back at start")
    var statusFile: String?
    @Option(name: .customLong("resync"), help: "Seconds between two full resyncs (events trigger work in between)")
    var resync: Int = 30
    @Option(name: .customLong("scale-file"), help: "Follow replica counts in this JSON file (service → count), as `scale` writes them")
    var scaleFile: String?
    @Option(name: .customLong("drain-file"), help: "Drain the replicas named in this JSON file (container ID → grace seconds) from the load balancers, as `up` asks before replacing them")
    var drainFile: String?
    @Option(name: .customLong("since"), help: "Replay the project's events from this Unix time at start")
    var since: String?
    @Option(name: .customLong("scale"), help: "Scale SERVICE to NUM instances (SERVICE=NUM)")
    var scale: [String] = []
    @Argument(help: "Services to supervise (default: all)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if resync < 1 { throw ValidationError("--resync must be at least 1 second") }
        _ = try ScaleCommand.parse(scale)
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let project = try CommandContext.loadProject(global, services: services)
            let context = try CommandContext(global: global)
            do {
                _ = try await context.engine.ping()
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
            let scale = Dictionary((try? ScaleCommand.parse(scale)) ?? [], uniquingKeysWith: { $1 })
            var options = Supervisor.Options(resync: .seconds(resync), statusPath: statusFile, scale: scale, since: since)
            options.scaleFile = scaleFile
            options.drainFile = drainFile
            // The scale file's counts hold from the first pass on (no repair toward the file's count first).
            options.scale = (scaleFile.flatMap(ScaleFile.read) ?? [:]).merging(scale) { $1 }
            options.balanced = Planner.balancedServices(project, scale: options.scale)
            options.iptables = KernelForwarder.locateIPTables()
            do {
                try await Self.run(project: project, context: context, options: options)
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
        }
    }

    /// Runs the supervisor in a `ServiceGroup` that ends it gracefully on SIGTERM/SIGINT.
    static func run(project: Project, context: CommandContext, options: Supervisor.Options) async throws {
        // main.swift raised it for the loading burst of short commands.
        MallocTuning.tuneForLongRun()
        var logger = Logger(label: "swiftcompose.supervisor")
        // SWIFTCOMPOSE_LOG_LEVEL=debug|trace shows every event and pass.
        if let level = ProcessInfo.processInfo.environment["SWIFTCOMPOSE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) {
            logger.logLevel = level
        }
        let supervisor = Supervisor(project: project, engine: context.engine, options: options, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: supervisor)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
