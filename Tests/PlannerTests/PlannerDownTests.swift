import Testing
import ComposeModel
import StateObserver
@testable import Planner

@Suite struct PlannerDownTests {
    let p = Fixtures.webapp

    @Test func downRemovesDependentsFirstThenNetworks() {
        let plan = Planner.planDown(desired: p, observed: Fixtures.converged(p), options: DownOptions())
        #expect(Fixtures.text(plan) == """
            stop-container demo-web-1
            remove-container demo-web-1
            stop-container demo-worker-1
            remove-container demo-worker-1
            stop-container demo-db-1
            remove-container demo-db-1
            stop-container demo-init-1
            remove-container demo-init-1
            remove-network demo_default

            """)
        func node(_ t: String) -> PlanNode { plan.nodes.first { $0.text == t }! }
        #expect(node("stop-container demo-db-1").dependsOn.contains(node("stop-container demo-web-1").id))
        #expect(node("stop-container demo-db-1").dependsOn.contains(node("stop-container demo-worker-1").id))
        #expect(node("remove-network demo_default").dependsOn.count == 4)
    }

    @Test func downRemovesOneOffRunContainersButUpIgnoresThem() {
        var o = Fixtures.converged(p)
        var run = Fixtures.container(p, "web", 1, state: .exited)
        run.name = "demo-web-run-0123456789ab"
        run.id = Fixtures.containerID(run.name)
        run.labels[ComposeLabels.oneoff] = "True"
        o.containers.append(run)
        let down = Planner.planDown(desired: p, observed: o, options: DownOptions())
        #expect(down.text.contains("remove-container demo-web-run-0123456789ab"))
        #expect(!down.text.contains("stop-container demo-web-run-0123456789ab"))
        // The one-off neither counts as a replica nor is an orphan for `up`.
        let up = try? Planner.plan(desired: p, observed: o, options: UpOptions())
        #expect(up?.nodes.isEmpty == true)
        #expect(up?.warnings.isEmpty == true)
    }

    @Test func volumesOnlyWithFlagAndNeverExternal() {
        var q = p
        q.volumes["shared"] = Volume(name: "shared")
        q.volumes["shared"]!.external = true
        var o = Fixtures.converged(p)
        o.volumes["shared"] = ObservedVolume(name: "shared")
        let keep = Planner.planDown(desired: q, observed: o, options: DownOptions())
        #expect(!keep.text.contains("remove-volume"))
        let remove = Planner.planDown(desired: q, observed: o, options: DownOptions(removeVolumes: true))
        let lines = remove.text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("remove-volume") } == ["remove-volume demo_site", "remove-volume demo_data"])
        #expect(lines.contains("remove-container demo-db-1 with volumes"))
    }

    /// `down --rmi`: a built service (no `image:`), one naming a shared image, and an image the project
    /// built for a service no longer in the file.
    static func rmiFixture() -> (Project, ObservedProject) {
        let p = Fixtures.project([
            Fixtures.service("app") { $0.image = nil; $0.build = BuildConfig(context: ".") },
            Fixtures.service("cache") { $0.image = "redis" },
            Fixtures.service("db"),
        ])
        var o = Fixtures.converged(p)
        o.images = ["demo-app": "sha256:a", "redis": "sha256:r", Fixtures.image: Fixtures.imageID]
        o.projectImages = [
            ObservedImage(id: "sha256:a", tags: ["demo-app:latest", "extra:1"], service: "app"),
            ObservedImage(id: "sha256:o", tags: ["old-thing:2"], service: "gone"),
        ]
        return (p, o)
    }

    @Test(arguments: [
        (DownOptions.ImageRemoval.local, false, ["demo-app:latest"]),
        (.local, true, ["demo-app:latest", "old-thing:2"]),
        (.all, false, ["demo-app:latest", "redis:latest", "swiftcompose/busybox:latest"]),
    ])
    func rmiRemovesWhatDockerComposeRemoves(mode: DownOptions.ImageRemoval, orphans: Bool, expected: [String]) {
        let (p, o) = Self.rmiFixture()
        let plan = Planner.planDown(desired: p, observed: o, options: DownOptions(removeOrphans: orphans, removeImages: mode))
        let images = plan.nodes.filter { $0.text.hasPrefix("remove-image ") }
        #expect(images.map { String($0.text.dropFirst("remove-image ".count)) } == expected)
        // After every container is gone.
        let removals = plan.nodes.filter { $0.text.hasPrefix("remove-container ") }.map(\.id)
        for node in images { #expect(Set(node.dependsOn).isSuperset(of: removals)) }
    }

    @Test func rmiSkipsImagesNotPresentAndNothingWithoutTheFlag() {
        var (p, o) = Self.rmiFixture()
        o.images = [:]
        o.projectImages = []
        #expect(!Planner.planDown(desired: p, observed: o, options: DownOptions(removeImages: .all)).text.contains("remove-image"))
        (p, o) = Self.rmiFixture()
        #expect(!Planner.planDown(desired: p, observed: o, options: DownOptions()).text.contains("remove-image"))
        #expect(Planner.withDefaultTag("localhost:5000/app") == "localhost:5000/app:latest")
        #expect(Planner.withDefaultTag("app@sha256:abc") == "app@sha256:abc")
        #expect(Planner.withDefaultTag("app:1.2") == "app:1.2")
    }

    @Test func preStopHooksRunBeforeTheStopOfRunningContainersOnly() {
        var q = p
        q.services["db"]?.preStop = [ServiceHook(command: ["sh", "-c", "pg_dump"]), ServiceHook(command: ["sync"])]
        var o = Fixtures.converged(q)
        let plan = Planner.planDown(desired: q, observed: o, options: DownOptions())
        func node(_ t: String) -> PlanNode { plan.nodes.first { $0.text == t }! }
        let first = node("run-hook pre_stop demo-db-1: sh -c pg_dump"), second = node("run-hook pre_stop demo-db-1: sync")
        #expect(second.dependsOn == [first.id])
        #expect(node("stop-container demo-db-1").dependsOn == [second.id])
        // Dependents stop first, then the hooks.
        #expect(first.dependsOn.contains(node("stop-container demo-web-1").id))
        // A stopped container has nothing to run them in.
        o.containers = o.containers.map { var c = $0; if c.service == "db" { c.state = .exited }; return c }
        #expect(!Planner.planDown(desired: q, observed: o, options: DownOptions()).text.contains("run-hook"))
    }

    @Test func stoppedContainersAreOnlyRemoved() {
        var o = Fixtures.converged(p)
        for i in o.containers.indices where o.containers[i].service == "init" { o.containers[i].state = .exited }
        let plan = Planner.planDown(desired: p, observed: o, options: DownOptions())
        #expect(!plan.text.contains("stop-container demo-init-1"))
        #expect(plan.text.contains("remove-container demo-init-1"))
    }

    @Test func orphansOnlyWithFlag() {
        var o = Fixtures.converged(p)
        o.containers.append(Fixtures.container(Fixtures.project([Fixtures.service("old")]), "old", 1))
        let warned = Planner.planDown(desired: p, observed: o, options: DownOptions())
        #expect(!warned.text.contains("demo-old-1"))
        #expect(warned.warnings.count == 1)
        let removed = Planner.planDown(desired: p, observed: o, options: DownOptions(removeOrphans: true))
        #expect(removed.text.contains("remove-container demo-old-1"))
    }

    @Test func projectNameOnlyRemovesEverythingLabelled() {
        let o = Fixtures.converged(p)
        let plan = Planner.planDown(desired: Project(name: "demo"), observed: o, options: DownOptions(removeVolumes: true))
        #expect(plan.nodes.filter { if case .removeContainer = $0.operation { return true }; return false }.count == 4)
        #expect(plan.text.contains("remove-network demo_default"))
        #expect(plan.text.contains("remove-volume demo_data"))
    }

    @Test func emptyWhenNothingExists() {
        #expect(Planner.planDown(desired: p, observed: ObservedProject(name: "demo"), options: DownOptions()).isEmpty)
    }

    @Test func stopPlanStopsDependentsFirst() {
        let o = Fixtures.converged(p)
        let plan = Planner.planStop(desired: p, observed: o, containers: Set(o.containers.map(\.name)), timeout: 3)
        #expect(plan.text == """
            stop-container demo-web-1
            stop-container demo-worker-1
            stop-container demo-db-1
            stop-container demo-init-1

            """)
    }
}

@Suite struct PlannerDownSubsetTests {
    @Test func servicesSubsetRemovesOnlyTheirContainers() {
        let p = Fixtures.webapp
        let plan = Planner.planDown(desired: p, observed: Fixtures.converged(p), options: DownOptions(services: ["web", "worker"]))
        #expect(Fixtures.text(plan) == """
            stop-container demo-web-1
            remove-container demo-web-1
            stop-container demo-worker-1
            remove-container demo-worker-1

            """)
    }
}

@Suite struct PlannerDownWithoutFileTests {
    /// `down -p NAME` with no compose file: the depends_on labels still order the stops.
    @Test func labelsGiveTheOrder() {
        let p = Fixtures.webapp
        var o = Fixtures.converged(p)
        for i in o.containers.indices {
            let s = p.services[o.containers[i].service]!
            o.containers[i].labels[ComposeLabels.dependsOn] = s.dependsOn.map { "\($0.key):\($0.value.condition.rawValue):false" }.joined(separator: ",")
        }
        let plan = Planner.planDown(desired: Project(name: "demo"), observed: o, options: DownOptions())
        func node(_ t: String) -> PlanNode { plan.nodes.first { $0.text == t }! }
        #expect(node("stop-container demo-db-1").dependsOn.contains(node("stop-container demo-web-1").id))
        #expect(node("stop-container demo-db-1").dependsOn.contains(node("stop-container demo-worker-1").id))
        #expect(node("stop-container demo-init-1").dependsOn.contains(node("stop-container demo-web-1").id))
        for n in plan.nodes { for d in n.dependsOn { #expect(d < n.id) } }
    }
}
