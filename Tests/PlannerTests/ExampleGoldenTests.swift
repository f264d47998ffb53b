import Foundation
import Testing
import ComposeLoader
import ComposeModel
import StateObserver
@testable import Planner

/// The example stack, loaded by the real loader, planned against an empty engine and against itself.
@Suite struct ExampleGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func load() throws -> Project {
        var options = LoadOptions(workingDirectory: Self.root.appendingPathComponent("examples/webapp").path,
                                  environment: ["WEB_PORT": "8080"])
        options.files = [Self.root.appendingPathComponent("examples/webapp/compose.yaml").path]
        return try ProjectLoader.load(options)
    }

    @Test func freshUp() throws {
        let project = try load()
        var observed = ObservedProject(name: project.name)
        observed.images["swiftcompose/busybox:latest"] = Fixtures.imageID
        let plan = try Planner.plan(desired: project, observed: observed, options: UpOptions())
        #expect(Fixtures.text(plan) == """
            create-network webapp_default
            create-volume webapp_site
            create-volume webapp_data
            create-container webapp-init-1 (service init, hash H)
            start-container webapp-init-1
            create-container webapp-db-1 (service db, hash H)
            start-container webapp-db-1
            create-container webapp-worker-1 (service worker, hash H)
            start-container webapp-worker-1 after webapp-db-1 healthy
            create-container webapp-web-1 (service web, hash H)
            start-container webapp-web-1 after webapp-init-1 completed, webapp-db-1 healthy

            """)
        // The web container publishes on 127.0.0.1:8080 and mounts the site volume read-only.
        let web = plan.nodes.compactMap { n -> ContainerCreation? in
            if case .createContainer(let c) = n.operation, c.service == "web" { return c }; return nil
        }.first!
        #expect(web.body.hostConfig?.portBindings?["80/tcp"]?.first?.hostIp == "127.0.0.1")
        #expect(web.body.hostConfig?.portBindings?["80/tcp"]?.first?.hostPort == "8080")
        #expect(web.body.hostConfig?.mounts?.contains { $0.source == "webapp_site" && $0.target == "/site" && $0.readOnly == true } == true)
        #expect(web.body.hostConfig?.initProcess == true)
    }

    @Test func convergedExampleIsNoOp() throws {
        let project = try load()
        let plan = try Planner.plan(desired: project, observed: Fixtures.converged(project), options: UpOptions())
        #expect(plan.isEmpty)
    }

    @Test func downGolden() throws {
        let project = try load()
        var observed = Fixtures.converged(project)
        for i in observed.containers.indices where observed.containers[i].service == "init" { observed.containers[i].state = .exited }
        let plan = Planner.planDown(desired: project, observed: observed, options: DownOptions(removeVolumes: true))
        #expect(plan.text == """
            stop-container webapp-web-1
            remove-container webapp-web-1 with volumes
            stop-container webapp-worker-1
            remove-container webapp-worker-1 with volumes
            stop-container webapp-db-1
            remove-container webapp-db-1 with volumes
            remove-container webapp-init-1 with volumes
            remove-network webapp_default
            remove-volume webapp_site
            remove-volume webapp_data

            """)
    }
}
