import Foundation
public import ArgumentParser
import ComposeModel
import EngineAPI
import StateObserver
import Planner
import Executor

/// `run SERVICE [COMMAND...]`: a one-off container of a service, named `<project>-<service>-run-<id>`
/// and labelled `oneoff=True`, after starting its dependencies (as `up --no-recreate` would). Attached,
/// the container's exit code becomes ours; `--rm` removes it afterwards.
public struct RunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a one-off command on a service")

    @OptionGroup public var global: GlobalOptions

    @OptionGroup var images: ImagePreparationOptions
    @Option(name: .customLong("cap-add"), help: "Add Linux capabilities")
    var capAdd: [String] = []
    @Option(name: .customLong("cap-drop"), help: "Drop Linux capabilities")
    var capDrop: [String] = []
    @Flag(name: [.short, .customLong("detach")], help: "Run container in background and print container ID")
    var detach = false
    @Option(name: .customLong("entrypoint"), help: "Override the entrypoint of the image")
    var entrypoint: String?
    @Option(name: [.short, .customLong("env")], help: "Set environment variables")
    var env: [String] = []
    @Flag(name: [.short, .customLong("interactive")], help: "Keep STDIN open even if not attached (the default)")
    var interactive = false
    @Option(name: [.short, .customLong("label")], help: "Add or override a label")
    var label: [String] = []
    @Option(name: .customLong("pull"), help: "Pull image before running (\"always\"|\"missing\"|\"never\")")
    var pull: String?
    @Flag(name: .customLong("quiet-pull"), help: "Pull without printing progress information")
    var quietPull = false
    @Option(name: .customLong("name"), help: "Assign a name to the container")
    var name: String?
    @Flag(name: [.customShort("T"), .customLong("no-TTY")], help: "Disable pseudo-TTY allocation (default: auto-detected)")
    var noTTY = false
    @Flag(name: [.short, .customLong("tty")], help: .hidden)
    var tty = false
    @Flag(name: .customLong("no-deps"), help: "Don't start linked services")
    var noDeps = false
    // `-p` after `run` becomes `--publish` before parsing (`GlobalOptions.runPublishShorthand`): as an
    // option name here it would clash with the global --project-name.
    @Option(name: .customLong("publish"), help: "Publish a container's port(s) to the host (also -p, after run)")
    var publish: [String] = []
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file")
    var removeOrphans = false
    @Flag(name: .customLong("rm"), help: "Automatically remove the container when it exits")
    var rm = false
    @Flag(name: .customLong("service-ports"), help: "Run command with all service's ports enabled and mapped to the host")
    var servicePorts = false
    @Flag(name: .customLong("use-aliases"), help: "Use the service's network aliases in the network(s) the container connects to")
    var useAliases = false
    @Option(name: [.short, .customLong("user")], help: "Run as specified username or uid")
    var user: String?
    @Option(name: [.short, .customLong("volume")], help: "Bind mount a volume")
    var volume: [String] = []
    @Option(name: [.short, .customLong("workdir")], help: "Working directory inside the container")
    var workdir: String?
    @Argument(help: "Service name")
    var service: String
    @Argument(parsing: .captureForPassthrough, help: "Command and its arguments")
    var command: [String] = []

    public init() {}

    public func validate() throws {
        if servicePorts && !publish.isEmpty {
            throw ValidationError("--service-ports and --publish are incompatible")
        }
        if let name, name.isEmpty { throw ValidationError("--name must not be empty") }
        if let pull, !["always", "missing", "never"].contains(pull) {
            throw ValidationError("invalid --pull value \"\(pull)\": use always, missing or never")
        }
    }

    var overrides: RunOverrides {
        RunOverrides(command: command, entrypoint: entrypoint, environment: env, capAdd: capAdd, capDrop: capDrop,
                     labels: label, volumes: volume,
                     publish: publish, servicePorts: servicePorts, user: user, workdir: workdir, name: name,
                     tty: useTTY, interactive: true)
    }

    /// Compose allocates a TTY unless -T, or stdout is not a terminal; we also need stdin to be one.
    var useTTY: Bool {
        !noTTY && Terminal.isTerminal(STDOUT_FILENO) && Terminal.isTerminal(STDIN_FILENO)
    }

    public func run() async throws {
        var exitCode: Int32 = 0
        try await failing { () async throws(CommandFailure) in
            var project = try CommandContext.loadProject(global)
            // Naming a service disabled by its profiles enables it, as Compose does for run.
            if project.services[service] == nil, let disabled = project.disabledServices[service] {
                project.services[service] = disabled
                project.disabledServices[service] = nil
            }
            guard let original = project.services[service] else {
                throw CommandFailure("no such service: \(service)")
            }
            if let pull { project.services[service]?.pullPolicy = pull }
            let context = try CommandContext(global: global)
            // Pull or build (--build, pull_policy) the images of the service and of what it depends on.
            var observed = try await context.observe(project)
            try await ImagePreparation(context: context).prepare(
                project: &project, observed: &observed, up: UpOptions(services: [service], noDeps: noDeps),
                options: images, noBuild: false, quietPull: quietPull)
            try await startDependencies(project: project, target: original, context: context)
            let oneOff: Service
            do {
                oneOff = try overrides.apply(to: original, project: project)
            } catch let e as RunOverrides.Failure {
                throw CommandFailure(e.message)
            } catch {
                throw CommandFailure("\(error)")
            }
            do {
                exitCode = try await runContainer(project: project, service: oneOff, context: context)
            } catch let e as CommandFailure {
                throw e
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    /// Networks and volumes the service needs, and its dependencies created and started (unless
    /// --no-deps), through the planner: the target is stood in for by a copy with no replicas, so the
    /// plan brings up what it depends on without touching the service's own containers.
    func startDependencies(project: Project, target: Service, context: CommandContext) async throws(CommandFailure) {
        var planned = project
        var standIn = target
        standIn.name = "\(target.name)-run-\(UUID().uuidString.prefix(8).lowercased())"
        standIn.scale = 0
        standIn.containerName = nil
        standIn.image = project.imageName(target)
        planned.services[standIn.name] = standIn
        var options = UpOptions(services: [standIn.name], recreate: .never, noDeps: noDeps,
                                removeOrphans: removeOrphans, scale: [standIn.name: 0])
        options.environmentFiles = UpCommand.environmentFiles(global, project: project)
        let observed = try await context.observe(planned)
        let plan: Plan
        do {
            plan = try Planner.plan(desired: planned, observed: observed, options: options)
        } catch {
            throw CommandFailure(CommandContext.describe(error))
        }
        // Orphan warnings would name the stand-in's siblings; up reports them, run stays quiet like Compose.
        if !plan.isEmpty {
            try await context.execute(plan)
        }
        if noDeps { return }
        // depends_on conditions beyond "started": wait as up would before starting a dependent.
        let deps = project.dependencies(of: target)
        var targets: [Executor.WaitTarget] = []
        let after = try await context.observe(project)
        for dep in deps {
            guard let condition = target.dependsOn[dep]?.condition, condition != .serviceStarted else { continue }
            for c in after.containers(of: dep) {
                targets.append(Executor.WaitTarget(container: c.name, mayExit: condition == .serviceCompletedSuccessfully))
            }
        }
        if !targets.isEmpty {
            let waited = targets
            let failures = await Interrupt.run { await context.executor().waitUntilReady(waited, timeout: nil) }
            context.printer.finish()
            if !failures.isEmpty { throw CommandFailure(failures.joined(separator: "\n")) }
        }
    }

    func runContainer(project: Project, service s: Service, context: CommandContext) async throws -> Int32 {
        let engine = context.engine
        let imageRef = project.imageName(s)
        let imageID = try await ensureImage(imageRef, service: s, engine: engine)
        let observed = try await context.observe(project)
        let byService = Dictionary(grouping: observed.containers.filter { !$0.isOneoff }, by: \.service)
            .mapValues { $0.sorted { $0.number < $1.number }.first?.name }
        var spec = ContainerSpec(project: project, service: s, number: 1, configHash: Planner.configHash(s),
                                 imageID: imageID, containerOfService: { byService[$0] ?? nil })
        spec.environmentFiles = UpCommand.environmentFiles(global, project: project)
        var (body, connect) = try spec.build()
        let slug = RunOverrides.randomSlug()
        let containerName = name ?? RunOverrides.containerName(project: project.name, service: s.name, slug: slug)
        body.config.labels?[ComposeLabels.oneoff] = "True"
        body.config.labels?["com.docker.compose.slug"] = slug
        body.config.attachStdin = !detach
        body.config.attachStdout = !detach
        body.config.attachStderr = !detach
        body.config.openStdin = true
        body.config.stdinOnce = !detach
        body.config.tty = useTTY
        // Detached --rm needs the daemon to remove it; attached, we remove it once we have its exit code.
        if detach && rm {
            if body.hostConfig == nil { body.hostConfig = HostConfig() }
            body.hostConfig?.autoRemove = true
        }
        if !useAliases {
            if var endpoints = body.networkingConfig?.endpointsConfig {
                for key in endpoints.keys { endpoints[key]?.aliases = nil }
                body.networkingConfig?.endpointsConfig = endpoints
            }
            for i in connect.indices { connect[i].endpoint.aliases = nil }
        }
        let created = try await engine.createContainer(name: containerName, body: body)
        for w in created.warnings ?? [] { context.printWarnings([w]) }
        let id = created.id
        do {
            for c in connect {
                try await engine.connectNetwork(c.network, container: id, endpointConfig: c.endpoint)
            }
            if detach {
                try await engine.startContainer(id)
                Output.write(id + "\n")
                return 0
            }
            let code = try await attachAndWait(id: id, engine: engine)
            if rm { try? await engine.removeContainer(id, force: true, volumes: true) }
            return code
        } catch {
            if rm || detach { try? await engine.removeContainer(id, force: true, volumes: true) }
            throw error
        }
    }

    /// Attach first so no output is missed, then start, copy streams until the output ends, and read the
    /// exit code (condition not-running answers at once for an exited container, so there is no race).
    func attachAndWait(id: String, engine: EngineClient) async throws -> Int32 {
        let tty = useTTY
        let connection = try await engine.attachContainer(id, tty: tty, stdin: true, stdout: true, stderr: true)
        try await engine.startContainer(id)
        if tty {
            _ = try await AttachedSession(connection: connection, forwardStdin: true).runInTerminal { rows, columns in
                try? await engine.resizeContainer(id, height: rows, width: columns)
            }
        } else {
            let proxy = SignalProxy { name in Task { try? await engine.killContainer(id, signal: name) } }
            defer { proxy.stop() }
            _ = try await AttachedSession(connection: connection, forwardStdin: true).run()
        }
        await connection.close()
        return Int32(truncatingIfNeeded: try await engine.waitContainer(id, condition: .notRunning))
    }

    /// The image's local ID, pulling it when missing (and pullable).
    func ensureImage(_ ref: String, service s: Service, engine: EngineClient) async throws -> String? {
        do {
            return try await engine.inspectImage(ref).id
        } catch let e as EngineError where e.isNotFound {
            if s.build != nil && s.image == nil {
                throw CommandFailure("service \(s.name): image \(ref) must be built from \(s.build?.context ?? "."), which "
                                     + "swiftcompose does not do yet; build it with 'docker build -t \(ref) \(s.build?.context ?? ".")'")
            }
            if s.pullPolicy == "never" {
                throw CommandFailure("service \(s.name): image \(ref) is not present locally and pull_policy is \"never\"")
            }
            do {
                for try await _ in try await engine.createImage(fromImage: ref) {}
            } catch {
                throw CommandFailure("service \(s.name): cannot pull image \(ref): \(CommandContext.describe(error))")
            }
            return try await engine.inspectImage(ref).id
        }
    }
}
