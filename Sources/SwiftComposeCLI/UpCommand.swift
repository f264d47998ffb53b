import Foundation
public import ArgumentParser
import ComposeModel
import EngineAPI
import StateObserver
import Planner
import Executor

/// `up`: observe, plan, apply; then wait (`--wait`) or follow the logs (attached mode).
public struct UpCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "up", abstract: "Create and start containers")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: [.short, .customLong("detach")], help: "Detached mode: Run containers in the background")
    var detach = false
    @Option(name: .customLong("scale"), help: "Scale SERVICE to NUM instances (SERVICE=NUM); overrides the `scale` setting in the Compose file")
    var scale: [String] = []
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file")
    var removeOrphans = false
    @Flag(name: .customLong("force-recreate"), help: "Recreate containers even if their configuration and image haven't changed")
    var forceRecreate = false
    @Flag(name: .customLong("no-recreate"), help: "If containers already exist, don't recreate them")
    var noRecreate = false
    @Flag(name: .customLong("always-recreate-deps"), help: "Recreate dependent containers. Incompatible with --no-recreate.")
    var alwaysRecreateDeps = false
    @Flag(name: [.customShort("V"), .customLong("renew-anon-volumes")], help: "Recreate anonymous volumes instead of retrieving data from the previous containers")
    var renewAnonVolumes = false
    @Option(name: .customLong("pull"), help: "Pull image before running (\"always\"|\"missing\"|\"never\")")
    var pull: String?
    @Flag(name: .customLong("quiet-pull"), help: "Pull without printing progress information")
    var quietPull = false
    @Flag(name: .customLong("abort-on-container-exit"), help: "Stops all containers if any container was stopped. Incompatible with -d")
    var abortOnContainerExit = false
    @Option(name: .customLong("exit-code-from"), help: "Return the exit code of the selected service container. Implies --abort-on-container-exit")
    var exitCodeFrom: String?
    @Flag(name: .customLong("no-deps"), help: "Don't start linked services")
    var noDeps = false
    @Flag(name: .customLong("no-start"), help: "Don't start the services after creating them")
    var noStart = false
    @Flag(name: .customLong("wait"), help: "Wait for services to be running|healthy. Implies detached mode.")
    var wait = false
    @Option(name: .customLong("wait-timeout"), help: "Maximum duration in seconds to wait for the project to be running|healthy")
    var waitTimeout: Int?
    @Option(name: [.short, .customLong("timeout")], help: "Use this timeout in seconds for container shutdown when containers are already running")
    var timeout: Int?
    @Flag(name: .customLong("no-color"), help: "Produce monochrome output")
    var noColor = false
    @Flag(name: .customLong("no-log-prefix"), help: "Don't print prefix in logs")
    var noLogPrefix = false
    @Flag(name: .customLong("no-build"), help: "Don't build an image, even if it's policy")
    var noBuild = false
    @Flag(name: .customLong("no-supervise"), help: "Leave restarts to the engine, as Docker Compose does: no supervisor, no load balancer")
    var noSupervise = false
    @OptionGroup var images: ImagePreparationOptions
    @Argument(help: "Services to start (default: all)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if forceRecreate && noRecreate {
            throw ValidationError("--force-recreate and --no-recreate are incompatible")
        }
        if alwaysRecreateDeps && noRecreate {
            throw ValidationError("--always-recreate-deps and --no-recreate are incompatible")
        }
        if let pull, !["always", "missing", "never"].contains(pull) {
            throw ValidationError("invalid --pull value \"\(pull)\": use always, missing or never")
        }
        if detach && (abortOnContainerExit || exitCodeFrom != nil) {
            throw ValidationError("--abort-on-container-exit and --exit-code-from are incompatible with --detach")
        }
        if noStart && wait {
            throw ValidationError("--no-start and --wait are incompatible")
        }
        if let t = waitTimeout, t < 0 { throw ValidationError("--wait-timeout must be a positive number of seconds") }
        _ = try parsedScale()
    }

    func parsedScale() throws -> [String: Int] {
        Dictionary(try ScaleCommand.parse(scale), uniquingKeysWith: { $1 })
    }

    var options: UpOptions {
        UpOptions(services: services, recreate: forceRecreate ? .force : noRecreate ? .never : .diverged,
                  noDeps: noDeps, noStart: noStart, removeOrphans: removeOrphans,
                  scale: (try? parsedScale()) ?? [:], timeout: timeout)
    }

    /// `--pull` overrides every service's `pull_policy`.
    func applyPull(_ project: inout Project) {
        guard let pull else { return }
        for name in project.services.keys { project.services[name]?.pullPolicy = pull }
    }

    public func run() async throws {
        var status: Int32 = 0
        try await failing { () async throws(CommandFailure) in
            // The engine is reached while the file loads; a bad engine setting is still reported after
            // the file's own errors.
            let early = try? CommandContext(global: global)
            let lists = early?.prefetchLists()
            var project = try CommandContext.loadProject(global, services: services)
            applyPull(&project)
            for name in options.scale.keys where project.services[name] == nil {
                throw CommandFailure("--scale \(name)=…: no such service: \(name)")
            }
            let context: CommandContext
            if let early { context = early } else { context = try CommandContext(global: global) }
            var observed = try await context.observe(project, prefetched: lists)
            StageClock.mark("up: observe")
            // Autoscaled services keep the count the autoscaler reached unless --scale says otherwise.
            var scale = options.scale
            for s in project.services.values where scale[s.name] == nil {
                guard let a = s.autoscale else { continue }
                let running = observed.containers(of: s.name).count
                if running > 0 { scale[s.name] = min(max(running, a.min), a.max) }
            }
            try await ImagePreparation(context: context).prepare(project: &project, observed: &observed, up: options,
                                                                 options: images, noBuild: noBuild, quietPull: quietPull)
            StageClock.mark("up: images")
            let plan: Plan
            do {
                var upOptions = options
                upOptions.scale = scale
                if alwaysRecreateDeps { upOptions.recreateDependencies = .force }
                if noRecreate { upOptions.recreateDependencies = .never }
                upOptions.renewAnonymousVolumes = renewAnonVolumes
                upOptions.environmentFiles = Self.environmentFiles(global, project: project)
                upOptions.supervised = !noSupervise
                if !noSupervise && !noStart {
                    upOptions.balanced = Planner.balancedServices(project, scale: scale)
                } else {
                    Self.warnUnbalanced(project, scale: scale, context: context)
                }
                plan = try Planner.plan(desired: project, observed: observed, options: upOptions)
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
            StageClock.mark("up: plan")
            context.printWarnings(plan.warnings)
            if global.dryRun {
                print(plan.text, terminator: "")
                return
            }
            let began = Date().timeIntervalSince1970
            var counts: [String: Int] = [:]
            for s in project.services.values { counts[s.name] = scale[s.name] ?? s.replicas }
            if let sup = observed.supervisor, sup.isRunning, !noSupervise {
                // The running supervisor learns the counts first, so it does not undo what the plan does.
                try? await SupervisorContainer(context: context).writeScale(counts, container: sup.id, merge: false)
            }
            // Balanced replicas the plan stops or replaces leave the running supervisor's balancers first.
            var drainer: (@Sendable (ContainerRef, Int) async -> Void)?
            if let sup = observed.supervisor, sup.isRunning, !noSupervise {
                let requests = DrainRequests(supervisor: SupervisorContainer(context: context), container: sup.id)
                drainer = { ref, grace in await requests.drain(ref, grace: grace) }
            }
            try await context.execute(plan, drainer: drainer)
            StageClock.mark("up: execute")
            let targets = Self.targets(project: project, options: options, plan: plan, observed: observed)
            let supervise = !noSupervise && !noStart && SupervisorContainer.needed(project, scale: scale)
            let supervisor = SupervisorContainer(context: context)
            if detach || wait {
                if supervise {
                    try await supervisor.ensure(project: project, observed: observed, scale: counts, since: began)
                } else if let old = observed.supervisor, options.services.isEmpty {
                    await supervisor.remove(old)
                }
                context.printer.finish()
                StageClock.mark("up: supervisor")
            } else if let old = observed.supervisor {
                // Attached: this process supervises while it runs.
                await supervisor.remove(old)
            }
            if wait {
                let limit: Duration? = waitTimeout.map { .seconds($0) }
                let executor = context.executor()
                let failures = await Interrupt.run {
                    await executor.waitUntilReady(targets, timeout: limit)
                }
                context.printer.finish()
                if !failures.isEmpty { throw CommandFailure(failures.joined(separator: "\n")) }
                return
            }
            if detach || noStart { return }
            if let service = exitCodeFrom, project.services[service] == nil {
                throw CommandFailure("--exit-code-from \(service): no such service")
            }
            var attached = AttachedLogs(context: context, project: project, containers: targets.map(\.container),
                                        color: !noColor, prefix: !noLogPrefix, timeout: timeout, since: began)
            attached.abortOnExit = abortOnContainerExit
            attached.exitCodeFrom = exitCodeFrom
            if supervise && !abortOnContainerExit && exitCodeFrom == nil {
                let running = InProcessSupervisor(project: project, context: context, scale: scale)
                attached.restarts = { await running.willRestart($0) }
                attached.beforeStop = { await running.stop() }
                defer { running.cancel() }
                status = try await attached.run()
            } else {
                status = try await attached.run()
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Without the supervisor, replicas publishing one port collide as with Docker Compose: say so.
    static func warnUnbalanced(_ project: Project, scale: [String: Int], context: CommandContext) {
        for name in Planner.balancedServices(project, scale: scale).sorted() {
            context.printWarnings(["service \(name): without the supervisor (--no-supervise) its replicas publish the same "
                + "host port themselves, as with Docker Compose, and all but one fail with \"port is already allocated\"; "
                + "drop --no-supervise to put swiftcompose's load balancer in front of them"])
        }
    }

    /// `--env-file`s made absolute, else the project's `.env` when there is one.
    static func environmentFiles(_ global: GlobalOptions, project: Project) -> [String] {
        let cwd = FileManager.default.currentDirectoryPath
        if !global.envFile.isEmpty {
            return global.envFile.map { $0.hasPrefix("/") ? $0 : cwd + "/" + $0 }
        }
        let dotenv = project.workingDir + "/.env"
        return FileManager.default.fileExists(atPath: dotenv) ? [dotenv] : []
    }

    /// The containers of the selected services once the plan has run, for `--wait` and the logs.
    static func targets(project: Project, options: UpOptions, plan: Plan, observed: ObservedProject) -> [Executor.WaitTarget] {
        var oneShots = Set<String>()
        for s in project.services.values {
            for (dep, d) in s.dependsOn where d.condition == .serviceCompletedSuccessfully { oneShots.insert(dep) }
        }
        var names = Set(plan.unchanged.map(\.name))
        var services: [String: String] = [:]
        for c in plan.unchanged { services[c.name] = c.service }
        for node in plan.nodes {
            switch node.operation {
            case .startContainer(let c): names.insert(c.name); services[c.name] = c.service
            case .createContainer(let c) where c.replaces == nil: names.insert(c.name); services[c.name] = c.service
            // A replacement started under its temporary name (start-first, balanced) is waited for under its final one.
            case .renameContainer(let c, let to): names.remove(c.name); names.insert(to); services[to] = c.service
            case .removeContainer(let c, _, false): names.remove(c.name)
            default: break
            }
        }
        return names.sorted().map { name in
            Executor.WaitTarget(container: name, mayExit: oneShots.contains(services[name] ?? ""))
        }
    }
}
