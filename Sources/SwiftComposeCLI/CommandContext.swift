import Foundation
import ArgumentParser
import ComposeModel
import ComposeLoader
import EngineAPI
import StateObserver
import Planner
import Executor

/// An error already worded for the user; printed once to stderr, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// What `up` and `down` share: loading the project, reaching the engine, observing, executing,
/// and turning every failure into one message and exit status 1.
struct CommandContext {
    let global: GlobalOptions
    let engine: EngineClient
    let printer: ProgressPrinter

    init(global: GlobalOptions) throws(CommandFailure) {
        self.global = global
        do {
            engine = try EngineClient.fromEnvironment()
        } catch {
            throw CommandFailure(Self.describe(error))
        }
        printer = try ProgressPrinter(global.progress, ansi: global.ansi)
    }

    /// `--parallel`, else `COMPOSE_PARALLEL_LIMIT`, else `defaultParallelism`; -1 = unlimited.
    var parallelism: Int {
        if let p = global.parallel { return p }
        if let text = ProcessInfo.processInfo.environment["COMPOSE_PARALLEL_LIMIT"], let p = Int(text) { return p }
        return Self.defaultParallelism
    }

    /// 8 engine calls at a time per core, at most docker-compose v1's 64. dockerd does much of
    /// stopping and removing one at a time: on 2 cores, `down` of 50 containers took 3.5-4.0 s with
    /// 64 at a time and 2.9-3.0 s with 16; `up` of 50 was no slower.
    static let defaultParallelism = min(64, 8 * max(1, ProcessInfo.processInfo.activeProcessorCount))

    static func loadProject(_ global: GlobalOptions, services: [String] = []) throws(CommandFailure) -> Project {
        // The flags → LoadOptions mapping is the loader's; errors go through our single print path.
        var options = global.loadOptions()
        options.services = services
        do {
            return try ProjectLoader.load(options)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// The project's lists sent now, before loading, when the name is already given (`-p`,
    /// `COMPOSE_PROJECT_NAME`); nil when it comes from the file or the directory.
    func prefetchLists() -> ProjectLists? {
        guard let name = global.projectName ?? ProcessInfo.processInfo.environment["COMPOSE_PROJECT_NAME"],
              !name.isEmpty else { return nil }
        return ProjectLists(engine: engine, project: name)
    }

    func observe(_ project: Project, prefetched: ProjectLists? = nil, projectImages: Bool = false) async throws(CommandFailure) -> ObservedProject {
        var networks = Set(project.networks.keys.map { project.networkName($0) })
        networks.insert(project.networkName("default"))
        let volumes = Set(project.volumes.keys.map { project.volumeName($0) })
        let images = Set(project.services.values.map { project.imageName($0) })
        do {
            return try await StateObserver(engine: engine).observe(project: project.name, networkNames: networks,
                                                                   volumeNames: volumes, images: images, prefetched: prefetched,
                                                                   projectImages: projectImages)
        } catch {
            throw CommandFailure(Self.describe(error))
        }
    }

    func executor() -> Executor {
        Executor(engine: engine, parallelism: parallelism, progress: printer.sink)
    }

    func printWarnings(_ warnings: [String]) {
        for w in warnings { printer.note("WARN[0000] \(w)") }
    }

    /// Runs a plan, cancelled by Ctrl-C; throws the failures, one message each.
    func execute(_ plan: Plan, drainer: (@Sendable (ContainerRef, Int) async -> Void)? = nil) async throws(CommandFailure) {
        for c in plan.unchanged {
            printer.show(ProgressEvent(kind: "Container", name: c.name, phase: .done, status: c.running ? "Running" : "Created"))
        }
        var configured = executor()
        configured.drainer = drainer
        let executor = configured
        let result = await Interrupt.run { await executor.run(plan) }
        printer.finish()
        printWarnings(result.warnings)
        if !result.failures.isEmpty {
            throw CommandFailure(result.failures.map { "\($0.resource): \($0.message)" }.joined(separator: "\n"))
        }
        if result.interrupted {
            throw CommandFailure("interrupted: \(result.skipped.count) step(s) not run; run the command again to converge")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? CommandFailure { return e.message }
        if let e = error as? EngineError { return e.description }
        if let e = error as? PlanError { return e.message }
        return "\(error)"
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
    }
}

/// Ctrl-C cancels the running work instead of killing the process, so steps in flight finish cleanly.
/// One signal source for the whole process: libdispatch installs its handler once per signal, so
/// resetting the disposition between two runs would silence later ones.
enum Interrupt {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var current: Task<Void, Never>?
        var source: (any DispatchSourceSignal)?
    }
    private static let state = State()

    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        let box = ResultBox<T>()
        let task = Task { box.value = await body() }
        install(task)
        await task.value
        install(nil)
        return box.value!
    }

    private static func install(_ task: Task<Void, Never>?) {
        state.lock.lock()
        defer { state.lock.unlock() }
        state.current = task
        guard state.source == nil else { return }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            state.lock.lock()
            let running = state.current
            state.lock.unlock()
            // Nothing cancellable running: behave like the default disposition.
            guard let running else { exit(130) }
            running.cancel()
        }
        source.resume()
        state.source = source
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}

extension AsyncParsableCommand {
    /// Prints the failure once and exits 1, as Docker Compose does.
    func failing(_ body: () async throws(CommandFailure) -> Void) async throws {
        do {
            try await body()
        } catch {
            CommandContext.printError(error.message)
            throw ExitCode.failure
        }
    }
}
