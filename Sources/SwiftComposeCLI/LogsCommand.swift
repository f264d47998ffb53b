import Foundation
public import ArgumentParser
import EngineAPI
import StateObserver

/// `logs`: the output of the project's containers, prefixed per container; `-f` follows them,
/// picking up containers that start later, until they have all stopped or Ctrl-C.
public struct LogsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "logs", abstract: "View output from containers")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: .customLong("follow"), help: "Follow log output (-f after `logs`)")
    var follow = false
    @Option(name: [.customShort("n"), .customLong("tail")], help: "Number of lines to show from the end of the logs for each container, or \"all\"")
    var tail = "all"
    @Flag(name: [.short, .customLong("timestamps")], help: "Show timestamps")
    var timestamps = false
    @Option(name: .customLong("since"), help: "Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)")
    var since: String?
    @Option(name: .customLong("until"), help: "Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)")
    var until: String?
    @Flag(name: .customLong("no-color"), help: "Produce monochrome output")
    var noColor = false
    @Flag(name: .customLong("no-log-prefix"), help: "Don't print prefix in logs")
    var noLogPrefix = false
    @Option(name: .customLong("index"), help: "Index of the container if service has multiple replicas")
    var index: Int?
    @Argument(help: "Services to show (default: all)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if tail != "all", Int(tail) == nil {
            throw ValidationError("invalid --tail \"\(tail)\": use a number of lines or \"all\"")
        }
        if let index, index < 1 { throw ValidationError("--index must be 1 or more") }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            let listed = try await scope.containers(services: services)
            let containers = index.map { i in listed.filter { $0.number == i } } ?? listed
            let useColor = !noColor && global.ansi != "never" && (global.ansi == "always" || isatty(STDOUT_FILENO) == 1)
            let streamer = LogStreamer(engine: scope.engine, names: containers.map(\.nameWithoutProject),
                                       color: useColor, prefix: !noLogPrefix)
            let options = LogsOptions(follow: follow, tail: tail, since: since, until: until, timestamps: timestamps)
            if follow {
                let (services, index) = (self.services, self.index)
                await InterruptExit.run {
                    await Self.followAll(containers, scope: scope, streamer: streamer, options: options,
                                         services: services, index: index)
                }
                return
            }
            await withTaskGroup(of: Void.self) { group in
                for c in containers {
                    group.addTask { try? await streamer.stream(id: c.id, name: c.nameWithoutProject, options: options) }
                }
            }
        }
    }

    enum FollowEvent: Sendable {
        case follow(id: String, name: String, since: String?)
        case ended(id: String)
    }

    /// Follows every selected container; a container that (re)starts later is followed from then on.
    /// Returns once none of them runs any more (restarting ones are waited for).
    static func followAll(_ initial: [ContainerSummary], scope: LifecycleScope, streamer: LogStreamer, options: LogsOptions,
                          services: [String], index: Int?) async {
        let (events, feed) = AsyncStream.makeStream(of: FollowEvent.self)
        let engine = scope.engine
        let project = scope.name
        let selected = Set(services)
        // Not a child task: a stream waiting for its next event does not end on cancellation.
        let watcher = Task {
            // Containers starting from now on: restarts, scale-ups, `up` of stopped services.
            let filters = ["type": ["container"], "event": ["start"], "label": [ComposeLabels.projectFilter(project)]]
            guard let stream = try? await engine.events(since: String(Int(Date().timeIntervalSince1970)), filters: filters) else { return }
            do {
                for try await e in stream {
                    let attrs = e.actor?.attributes ?? [:]
                    guard let id = e.actor?.id, attrs[ComposeLabels.oneoff] != "True" else { continue }
                    let service = attrs[ComposeLabels.service] ?? ""
                    if !selected.isEmpty && !selected.contains(service) { continue }
                    if let index, attrs[ComposeLabels.containerNumber] != String(index) { continue }
                    let name = attrs["name"] ?? id
                    let number = attrs[ComposeLabels.containerNumber] ?? ""
                    let label = name == "\(project)-\(service)-\(number)" ? String(name.dropFirst(project.count + 1)) : name
                    feed.yield(.follow(id: id, name: label, since: e.time.map(String.init)))
                }
            } catch {}
        }
        defer { watcher.cancel() }
        await withTaskGroup(of: Void.self) { group in
            for c in initial where c.isUp { feed.yield(.follow(id: c.id, name: c.nameWithoutProject, since: nil)) }
            // Stopped containers: print what they wrote, without following.
            for c in initial where !c.isUp {
                var o = options
                o.follow = false
                group.addTask { try? await streamer.stream(id: c.id, name: c.nameWithoutProject, options: o) }
            }
            if !initial.contains(where: \.isUp) { feed.finish() }
            var active = Set<String>()
            for await event in events {
                switch event {
                case .follow(let id, let name, let since):
                    guard active.insert(id).inserted else { continue }
                    streamer.register(name)
                    var o = options
                    if let since {
                        o.since = since
                        o.tail = nil
                    }
                    group.addTask {
                        try? await streamer.stream(id: id, name: name, options: o)
                        feed.yield(.ended(id: id))
                    }
                case .ended(let id):
                    active.remove(id)
                    guard active.isEmpty else { continue }
                    // A stream can end just before the engine marks its container exited, and a restarting
                    // container is up without output: look again, following what is still up from now on.
                    let up = await running(scope, services: services, index: index)
                    if up.isEmpty {
                        feed.finish()
                        continue
                    }
                    try? await Task.sleep(for: .milliseconds(200))
                    let now = String(format: "%.9f", Date().timeIntervalSince1970)
                    for c in up { feed.yield(.follow(id: c.id, name: c.nameWithoutProject, since: now)) }
                }
            }
        }
    }

    static func running(_ scope: LifecycleScope, services: [String], index: Int?) async -> [ContainerSummary] {
        guard let list = try? await scope.containers(services: services, all: true) else { return [] }
        return list.filter { $0.isUp && (index == nil || $0.number == index) }
    }
}
