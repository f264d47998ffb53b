import Foundation
public import ArgumentParser
import ComposeModel
import EngineAPI
import Executor
import Planner

/// `start`: starts the existing containers of the services, dependencies first; a dependency with
/// `condition: service_healthy` is waited for before its dependents start.
public struct StartCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "start", abstract: "Start services")

    @OptionGroup public var global: GlobalOptions
    @Argument(help: "Services to start (default: all)")
    var services: [String] = []

    public init() {}

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            try await Self.start(scope, services: services)
        }
    }

    static func start(_ scope: LifecycleScope, services: [String]) async throws(CommandFailure) {
        let containers = try await scope.containers(services: services, orphans: !services.isEmpty)
        // Compose refuses a service with nothing to start (scaled to 0 excepted).
        let wanted = !services.isEmpty ? services
            : scope.project.map { p in p.services.values.filter { $0.replicas > 0 }.map(\.name) } ?? []
        for s in wanted where !containers.contains(where: { $0.service == s }) {
            if let svc = scope.project?.services[s], svc.replicas == 0 { continue }
            throw CommandFailure("service \"\(s)\" has no container to start")
        }
        let runner = LifecycleRunner(context: scope.context, working: "Starting", done: "Started")
        let engine = scope.engine
        let executor = scope.context.executor()
        let project = scope.project
        let all = try await scope.containers()
        for batch in scope.batches(containers) {
            try await waitForHealthyDependencies(of: batch, all: all, scope: scope)
            let stopped = batch.filter { !$0.isUp }
            try await runner.run([stopped]) { c in
                try await engine.startContainer(c.id)
                // `post_start` hooks, before the next batch (the dependents) starts, as in Docker Compose.
                try await executor.runHooks(project?.services[c.service]?.postStart ?? [], .postStart,
                                            in: ContainerRef(id: c.id, name: c.name, service: c.service))
            }
        }
    }

    /// `depends_on: {x: {condition: service_healthy}}`: x's running containers must be healthy first.
    static func waitForHealthyDependencies(of batch: [ContainerSummary], all: [ContainerSummary],
                                           scope: LifecycleScope) async throws(CommandFailure) {
        var deps = Set<String>()
        for service in Set(batch.map(\.service)) {
            if let s = scope.project?.services[service] {
                for (d, dep) in s.dependsOn where dep.condition == .serviceHealthy { deps.insert(d) }
            } else if let c = batch.first(where: { $0.service == service }) {
                for entry in (c.labels?["com.docker.compose.depends_on"] ?? "").split(separator: ",") {
                    let parts = entry.split(separator: ":").map(String.init)
                    if parts.count >= 2, parts[1] == "service_healthy" { deps.insert(parts[0]) }
                }
            }
        }
        let targets = all.filter { deps.contains($0.service) && $0.isUp }
            .map { Executor.WaitTarget(container: $0.name, mayExit: false) }
        guard !targets.isEmpty else { return }
        let executor = scope.context.executor()
        let failures = await executor.waitUntilReady(targets, timeout: nil)
        scope.context.printer.finish()
        if !failures.isEmpty { throw CommandFailure(failures.joined(separator: "\n")) }
    }
}
