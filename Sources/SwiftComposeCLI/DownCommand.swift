import Foundation
public import ArgumentParser
import ComposeModel
import StateObserver
import Planner
import LoadBalancer
import Logging

/// `down`: stop and remove containers (dependents first), networks, with `-v` volumes, with `--rmi` images.
public struct DownCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "down", abstract: "Stop and remove containers, networks")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: [.short, .customLong("volumes")], help: "Remove named volumes declared in the \"volumes\" section of the Compose file and anonymous volumes attached to containers")
    var volumes = false
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file")
    var removeOrphans = false
    @Option(name: [.short, .customLong("timeout")], help: "Specify a shutdown timeout in seconds")
    var timeout: Int?
    @Option(name: .customLong("rmi"), help: "Remove images used by services. \"local\" remove only images that don't have a custom tag (\"local\"|\"all\")")
    var rmi: String?
    @Argument(help: "Services to stop and remove (default: the whole project, with its networks)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if let rmi, rmi != "local" && rmi != "all" {
            throw ValidationError("invalid --rmi value \"\(rmi)\": use \"local\" or \"all\"")
        }
        if let t = timeout, t < 0 { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let project = try Self.projectForDown(global)
            for name in services where project.services[name] == nil && project.disabledServices[name] == nil {
                throw CommandFailure("no such service: \(name)")
            }
            let context = try CommandContext(global: global)
            let observed = try await context.observe(project, projectImages: rmi != nil)
            let plan = Planner.planDown(desired: project, observed: observed,
                                        options: DownOptions(removeVolumes: volumes, removeOrphans: removeOrphans, timeout: timeout,
                                                             services: services, removeImages: rmi.flatMap(DownOptions.ImageRemoval.init)))
            context.printWarnings(plan.warnings)
            if global.dryRun {
                print(plan.text, terminator: "")
                return
            }
            try await context.execute(plan)
            if services.isEmpty, context.engine.host.isLocal, let iptables = KernelForwarder.locateIPTables() {
                await KernelForwarder(project: project.name, instance: "down", iptables: iptables,
                                      logger: Logger(label: "swiftcompose.down")).removeProjectChains()
            }
        }
    }

    /// The loaded project; with `-p NAME` and no compose file around, an empty project of that name,
    /// so `down -p NAME` removes what is labelled with it, as Docker Compose allows.
    static func projectForDown(_ global: GlobalOptions) throws(CommandFailure) -> Project {
        if let name = global.projectName, global.file.isEmpty {
            let dir = global.projectDirectory ?? FileManager.default.currentDirectoryPath
            let candidates = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]
            let hasFile = candidates.contains { FileManager.default.fileExists(atPath: dir + "/" + $0) }
            if !hasFile && ProcessInfo.processInfo.environment["COMPOSE_FILE"] == nil {
                return Project(name: name, workingDir: dir)
            }
        }
        return try CommandContext.loadProject(global)
    }
}
