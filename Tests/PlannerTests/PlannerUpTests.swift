import Testing
import ComposeModel
import StateObserver
@testable import Planner

@Suite struct PlannerUpTests {
    let p = Fixtures.webapp

    func plan(_ p: Project, _ o: ObservedProject, _ options: UpOptions = UpOptions()) throws -> Plan {
        try Planner.plan(desired: p, observed: o, options: options)
    }

    @Test func freshProjectGolden() throws {
        var o = ObservedProject(name: "demo")
        o.images[Fixtures.image] = Fixtures.imageID
        let plan = try plan(p, o)
        #expect(Fixtures.text(plan) == """
            create-network demo_default
            create-volume demo_site
            create-volume demo_data
            create-container demo-init-1 (service init, hash H)
            start-container demo-init-1
            create-container demo-db-1 (service db, hash H)
            start-container demo-db-1
            create-container demo-worker-1 (service worker, hash H)
            start-container demo-worker-1 after demo-db-1 healthy
            create-container demo-web-1 (service web, hash H)
            start-container demo-web-1 after demo-init-1 completed, demo-db-1 healthy

            """)
        #expect(plan.warnings.isEmpty)
    }

    @Test func postStartHooksFollowTheStartAndDependentsWaitForThem() throws {
        var q = p
        q.services["db"]?.postStart = [ServiceHook(command: ["touch", "/data/ready"])]
        var o = ObservedProject(name: "demo")
        o.images[Fixtures.image] = Fixtures.imageID
        let plan = try plan(q, o)
        func node(_ t: String) -> PlanNode { plan.nodes.first { $0.operation.text == t }! }
        let hook = node("run-hook post_start demo-db-1: touch /data/ready")
        #expect(hook.dependsOn == [node("start-container demo-db-1").id])
        #expect(node("start-container demo-worker-1").dependsOn.contains(hook.id))
        #expect(node("start-container demo-web-1").dependsOn.contains(hook.id))
        // A scale-down runs pre_stop before stopping the replica it removes; a converged project runs nothing.
        q.services["db"]?.preStop = [ServiceHook(command: ["sync"])]
        let converged = Fixtures.converged(q, scale: ["db": 2])
        var down = UpOptions()
        down.scale = ["db": 1]
        let scaled = try Planner.plan(desired: q, observed: converged, options: down)
        #expect(scaled.text.contains("run-hook pre_stop demo-db-2: sync\nstop-container demo-db-2"))
        #expect(!scaled.text.contains("post_start"))
    }

    /// A network whose recorded config hash differs is recreated with the containers on it, as Docker
    /// Compose does; one without a record is left alone.
    @Test func aChangedNetworkIsRecreatedWithItsContainers() throws {
        var o = Fixtures.converged(p)
        // Recorded as `up` records it: the hash of a fresh plan's create request.
        let fresh = try plan(p, ObservedProject(name: "demo", images: [Fixtures.image: Fixtures.imageID]))
        guard case .createNetwork(let body)? = fresh.nodes.first?.operation, let hash = body.labels?[ComposeLabels.configHash] else {
            Issue.record("no create-network with a config hash in \(fresh.text)")
            return
        }
        // Only the file's labels count: ours (the version) must not recreate networks on an upgrade.
        var ours = body
        ours.labels?[ComposeLabels.version] = "0.0.0-other"
        #expect(UpPlanBuilder.requestHash(ours, userLabels: p.networks["default"]!.labels) == hash)
        o.networks["demo_default"]?.labels[ComposeLabels.configHash] = hash
        #expect(try plan(p, o).nodes.isEmpty)

        o.networks["demo_default"]?.labels[ComposeLabels.configHash] = "from-an-older-file"
        let changed = try plan(p, o)
        func node(_ t: String) -> PlanNode { changed.nodes.first { $0.operation.text == t }! }
        let remove = node("remove-network demo_default"), create = node("create-network demo_default")
        let stops = changed.nodes.filter { if case .stopContainer = $0.operation { return true }; return false }
        #expect(stops.count == 4)
        #expect(Set(remove.dependsOn) == Set(stops.map(\.id)))
        #expect(create.dependsOn == [remove.id])
        for service in ["init", "db", "worker", "web"] {
            let replacement = changed.nodes.first { $0.operation.text.hasPrefix("create-container ") && $0.operation.text.contains("replaces demo-\(service)-1)") }
            #expect(replacement?.dependsOn.contains(create.id) == true)
        }
        // Each container is stopped once, before the network goes, also one a scale-down removes.
        var fewer = UpOptions()
        fewer.scale = ["web": 0]
        let scaled = try plan(p, o, fewer)
        #expect(scaled.text.components(separatedBy: "stop-container demo-web-1").count == 2, "\(scaled.text)")
        #expect(scaled.text.contains("remove-container demo-web-1\n"))

        // `up web` alone, or --no-recreate, leaves it with a warning or silently.
        var only = UpOptions()
        only.services = ["web"]
        let partial = try plan(p, o, only)
        #expect(!partial.text.contains("remove-network"))
        #expect(partial.warnings.contains { $0.contains("network demo_default has changed") })
        #expect(!(try plan(p, o, UpOptions(recreate: .never))).text.contains("remove-network"))
        // No record: left alone.
        o.networks["demo_default"]?.labels[ComposeLabels.configHash] = nil
        #expect(try plan(p, o).nodes.isEmpty)
    }

    /// A changed volume keeps its data: a warning, no plan step, as Docker Compose does unless told yes.
    @Test func aChangedVolumeIsKeptWithAWarning() throws {
        var o = Fixtures.converged(p)
        let fresh = try plan(p, ObservedProject(name: "demo", images: [Fixtures.image: Fixtures.imageID]))
        for node in fresh.nodes {
            guard case .createVolume(let body) = node.operation, let name = body.name else { continue }
            o.volumes[name]?.labels[ComposeLabels.configHash] = body.labels?[ComposeLabels.configHash]
        }
        let same = try plan(p, o)
        #expect(same.nodes.isEmpty && same.warnings.isEmpty)
        o.volumes["demo_data"]?.labels[ComposeLabels.configHash] = "from-an-older-file"
        let changed = try plan(p, o)
        #expect(changed.nodes.isEmpty)
        #expect(changed.warnings == ["volume \"demo_data\" exists but doesn't match its configuration in the Compose file; "
                                     + "it is kept with its data (`down -v` then `up` recreates it, losing the data)"])
    }

    @Test func dependencyEdges() throws {
        var o = ObservedProject(name: "demo")
        o.images[Fixtures.image] = Fixtures.imageID
        let plan = try plan(p, o)
        func id(_ text: String) -> Int { plan.nodes.first { $0.text.hasPrefix(text) }!.id }
        let startWeb = plan.nodes[id("start-container demo-web-1")]
        #expect(startWeb.dependsOn.contains(id("start-container demo-db-1")))
        #expect(startWeb.dependsOn.contains(id("start-container demo-init-1")))
        #expect(startWeb.dependsOn.contains(id("create-container demo-web-1")))
        let createDB = plan.nodes[id("create-container demo-db-1")]
        #expect(createDB.dependsOn.contains(id("create-network demo_default")))
        #expect(createDB.dependsOn.contains(id("create-volume demo_data")))
        // Topological: every node after its dependencies.
        for n in plan.nodes { for d in n.dependsOn { #expect(d < n.id) } }
    }

    @Test func convergedIsNoOp() throws {
        let plan = try plan(p, Fixtures.converged(p))
        #expect(plan.isEmpty)
        #expect(plan.unchanged.map(\.name).sorted() == ["demo-db-1", "demo-init-1", "demo-web-1", "demo-worker-1"])
    }

    @Test func missingImageIsPulledFirst() throws {
        var o = Fixtures.converged(p)
        o.images = [:]
        var q = p
        q.services["web"]!.image = "127.0.0.1:1/nope:latest"
        o.containers.removeAll { $0.service == "web" }
        let plan = try plan(q, o)
        let lines = Fixtures.text(plan).split(separator: "\n").map(String.init)
        #expect(lines.first == "pull-image swiftcompose/busybox:latest (service init)")
        #expect(lines.contains("pull-image 127.0.0.1:1/nope:latest (service web)"))
        let create = plan.nodes.first { $0.text.hasPrefix("create-container demo-web-1") }!
        let pull = plan.nodes.first { $0.text.hasPrefix("pull-image 127.0.0.1:1/nope") }!
        #expect(create.dependsOn.contains(pull.id))
    }

    /// A balanced service: two replicas behind one published port.
    var balancedProject: Project {
        Fixtures.project([Fixtures.service("web") { s in
            s.scale = 2
            s.ports = [ServicePort(target: 80, published: "8080", hostIP: "127.0.0.1")]
        }])
    }

    @Test func balancedReplicasAreReplacedStartFirstAndDrained() throws {
        let old = balancedProject
        var q = old
        q.services["web"]!.environment["MODE"] = "fast"
        var options = UpOptions()
        options.balanced = ["web"]
        let plan = try plan(q, Fixtures.converged(old), options)
        let id1 = Fixtures.containerID("demo-web-1").prefix(12)
        let text = Fixtures.text(plan)
        for (id, n) in [(id1, 1), (Fixtures.containerID("demo-web-2").prefix(12), 2)] {
            #expect(text.contains("""
                create-container \(id)_demo-web-\(n) (service web, hash H, replaces demo-web-\(n))
                start-container \(id)_demo-web-\(n)
                drain-container demo-web-\(n) (grace 10s)
                stop-container demo-web-\(n) (replaced)
                remove-container demo-web-\(n) (replaced)
                rename-container \(id)_demo-web-\(n) demo-web-\(n)
                """), "\(text)")
        }
        func node(_ prefix: String) -> PlanNode { plan.nodes.first { $0.text.hasPrefix(prefix) }! }
        #expect(node("drain-container demo-web-1").dependsOn == [node("start-container \(id1)_demo-web-1").id])
        #expect(node("stop-container demo-web-1").dependsOn == [node("drain-container demo-web-1").id])
    }

    @Test func balancedScaleDownDrainsBeforeStopping() throws {
        let p = balancedProject
        var options = UpOptions(scale: ["web": 1])
        options.balanced = ["web"]
        var o = ObservedProject(name: p.name)
        o.images[Fixtures.image] = Fixtures.imageID
        for n in 1...2 {
            o.containers.append(Fixtures.container(p, "web", n, hash: Planner.balancedHash(Planner.configHash(p.services["web"]!))))
        }
        o.networks = Fixtures.converged(p).networks
        let plan = try plan(p, o, options)
        #expect(Fixtures.text(plan) == """
            drain-container demo-web-2 (grace 10s)
            stop-container demo-web-2
            remove-container demo-web-2

            """)
    }

    @Test func changedEnvironmentRecreatesOnlyThatService() throws {
        var q = p
        q.services["worker"]!.environment["MODE"] = "fast"
        let plan = try plan(q, Fixtures.converged(p))
        let id = Fixtures.containerID("demo-worker-1").prefix(12)
        #expect(Fixtures.text(plan) == """
            stop-container demo-worker-1 (replaced)
            create-container \(id)_demo-worker-1 (service worker, hash H, replaces demo-worker-1)
            remove-container demo-worker-1 (replaced)
            rename-container \(id)_demo-worker-1 demo-worker-1
            start-container demo-worker-1 after demo-db-1 healthy

            """)
        #expect(Set(plan.unchanged.map(\.service)) == ["init", "db", "web"])
        // The old container goes by ID, the replacement carries the replace label.
        guard case .stopContainer(let ref, _, _) = plan.nodes[0].operation else { Issue.record("not a stop"); return }
        #expect(ref.id == Fixtures.containerID("demo-worker-1"))
        guard case .createContainer(let c) = plan.nodes[1].operation else { Issue.record("not a create"); return }
        #expect(c.body.config.labels?[ComposeLabels.replace] == Fixtures.containerID("demo-worker-1"))
    }

    @Test func changedImageRecreates() throws {
        var o = Fixtures.converged(p)
        o.images[Fixtures.image] = "sha256:" + String(repeating: "c", count: 64)
        let plan = try plan(p, o)
        #expect(plan.nodes.filter { if case .renameContainer = $0.operation { return true }; return false }.count == 4)
    }

    @Test func missingNetworkRecreates() throws {
        var o = Fixtures.converged(p)
        o.containers[0].networks = []
        let plan = try plan(p, o)
        #expect(plan.nodes.contains { $0.text.hasPrefix("rename-container") && $0.text.hasSuffix(o.containers[0].name) })
    }

    @Test func anonymousVolumesAreInherited() throws {
        var q = p
        q.services["db"]!.volumes.append(.init(type: .volume, target: "/cache"))
        var o = Fixtures.converged(p)
        let anon = String(repeating: "a", count: 64)
        let i = o.containers.firstIndex { $0.service == "db" }!
        o.containers[i].mounts = [ObservedMount(type: "volume", name: anon, destination: "/cache"),
                                  ObservedMount(type: "volume", name: "demo_data", destination: "/data")]
        let plan = try plan(q, o)
        let create = plan.nodes.compactMap { n -> ContainerCreation? in
            if case .createContainer(let c) = n.operation { return c }; return nil
        }.first!
        let mounts = create.body.hostConfig?.mounts ?? []
        #expect(mounts.contains { $0.target == "/cache" && $0.source == anon })
        #expect(mounts.contains { $0.target == "/data" && $0.source == "demo_data" })
    }

    @Test func stoppedContainerIsStarted() throws {
        var o = Fixtures.converged(p)
        let i = o.containers.firstIndex { $0.service == "worker" }!
        o.containers[i].state = .exited
        let plan = try plan(p, o)
        #expect(Fixtures.text(plan) == "start-container demo-worker-1 after demo-db-1 healthy\n")
    }

    @Test func scaleUpUsesNextNumbers() throws {
        let plan = try plan(p, Fixtures.converged(p), UpOptions(scale: ["worker": 3]))
        #expect(Fixtures.text(plan) == """
            create-container demo-worker-2 (service worker, hash H)
            start-container demo-worker-2 after demo-db-1 healthy
            create-container demo-worker-3 (service worker, hash H)
            start-container demo-worker-3 after demo-db-1 healthy

            """)
    }

    @Test func scaleUpFillsGaps() throws {
        var o = Fixtures.converged(p, scale: ["worker": 3])
        o.containers.removeAll { $0.name == "demo-worker-2" }
        let plan = try plan(p, o, UpOptions(scale: ["worker": 3]))
        #expect(plan.nodes.first?.text.hasPrefix("create-container demo-worker-2 ") == true)
    }

    @Test func scaleDownRemovesHighestNumbers() throws {
        let plan = try plan(p, Fixtures.converged(p, scale: ["worker": 5]), UpOptions(scale: ["worker": 2]))
        #expect(Fixtures.text(plan) == """
            stop-container demo-worker-5
            remove-container demo-worker-5
            stop-container demo-worker-4
            remove-container demo-worker-4
            stop-container demo-worker-3
            remove-container demo-worker-3

            """)
        #expect(plan.unchanged.filter { $0.service == "worker" }.map(\.name) == ["demo-worker-1", "demo-worker-2"])
    }

    @Test func scaleDownRemovesDivergedAndStoppedFirst() throws {
        var o = Fixtures.converged(p, scale: ["worker": 3])
        o.containers[o.containers.firstIndex { $0.name == "demo-worker-1" }!].labels[ComposeLabels.configHash] = "old"
        o.containers[o.containers.firstIndex { $0.name == "demo-worker-2" }!].state = .exited
        let plan = try plan(p, o, UpOptions(scale: ["worker": 1]))
        #expect(Fixtures.text(plan) == """
            remove-container demo-worker-2
            stop-container demo-worker-1
            remove-container demo-worker-1

            """)
        #expect(plan.unchanged.filter { $0.service == "worker" }.map(\.name) == ["demo-worker-3"])
    }

    @Test func orphansWarnedOrRemoved() throws {
        var o = Fixtures.converged(p)
        o.containers.append(Fixtures.container(Fixtures.project([Fixtures.service("old")]), "old", 1))
        let warned = try plan(p, o)
        #expect(warned.isEmpty)
        #expect(warned.warnings.count == 1)
        #expect(warned.warnings[0].contains("Found orphan containers ([demo-old-1])"))
        let removed = try plan(p, o, UpOptions(removeOrphans: true))
        #expect(Fixtures.text(removed) == "stop-container demo-old-1\nremove-container demo-old-1\n")
        #expect(removed.warnings.isEmpty)
    }

    @Test func forceRecreateRecreatesEverything() throws {
        let plan = try plan(p, Fixtures.converged(p), UpOptions(recreate: .force))
        let renames = plan.nodes.filter { if case .renameContainer = $0.operation { return true }; return false }
        #expect(renames.count == 4)
        #expect(plan.unchanged.isEmpty)
        // Dependencies are recreated before dependents start.
        let startDB = plan.nodes.first { $0.text == "start-container demo-db-1" }!
        let startWeb = plan.nodes.first { $0.text.hasPrefix("start-container demo-web-1") }!
        #expect(startWeb.dependsOn.contains(startDB.id))
    }

    @Test func noRecreateKeepsDiverged() throws {
        var q = p
        q.services["web"]!.environment["X"] = "1"
        let plan = try plan(q, Fixtures.converged(p), UpOptions(recreate: .never))
        #expect(plan.isEmpty)
    }

    @Test func dependsOnRestartRestartsDependent() throws {
        var q = p
        q.services["worker"]!.dependsOn["db"] = ServiceDependency(condition: .serviceHealthy, restart: true)
        let o = Fixtures.converged(q)
        q.services["db"]!.environment["V"] = "2"
        let plan = try plan(q, o)
        let text = Fixtures.text(plan)
        #expect(text.contains("stop-container demo-worker-1\nstart-container demo-worker-1 after demo-db-1 healthy"))
        let restart = plan.nodes.first { $0.text.hasPrefix("start-container demo-worker-1") }!
        let startDB = plan.nodes.first { $0.text == "start-container demo-db-1" }!
        #expect(restart.dependsOn.contains(startDB.id))
        // web depends on db without restart: untouched.
        #expect(!text.contains("demo-web-1"))
    }

    @Test func subsetPullsInDependencies() throws {
        var o = ObservedProject(name: "demo")
        o.images[Fixtures.image] = Fixtures.imageID
        let plan = try plan(p, o, UpOptions(services: ["worker"]))
        #expect(Fixtures.text(plan) == """
            create-network demo_default
            create-volume demo_data
            create-container demo-db-1 (service db, hash H)
            start-container demo-db-1
            create-container demo-worker-1 (service worker, hash H)
            start-container demo-worker-1 after demo-db-1 healthy

            """)
    }

    @Test func noDepsTouchesOnlyTheService() throws {
        var o = Fixtures.converged(p)
        o.containers.removeAll { $0.service == "worker" || $0.service == "db" }
        let plan = try plan(p, o, UpOptions(services: ["worker"], noDeps: true))
        #expect(Fixtures.text(plan) == """
            create-container demo-worker-1 (service worker, hash H)
            start-container demo-worker-1

            """)
    }

    @Test func noStartOnlyCreates() throws {
        var o = ObservedProject(name: "demo")
        o.images[Fixtures.image] = Fixtures.imageID
        let plan = try plan(p, o, UpOptions(noStart: true))
        #expect(!plan.nodes.contains { if case .startContainer = $0.operation { return true }; return false })
        #expect(plan.nodes.count == 7)
    }

    @Test func unknownServiceAndContainerNameConflicts() throws {
        #expect(throws: PlanError("no such service: nope")) { try plan(p, Fixtures.converged(p), UpOptions(services: ["nope"])) }
        var q = p
        q.services["web"]!.containerName = "fixed"
        #expect(throws: PlanError.self) { try plan(q, Fixtures.converged(p), UpOptions(scale: ["web": 2])) }
    }

    @Test func externalNetworkMustExist() throws {
        var q = p
        q.networks["default"] = Network(name: "shared")
        q.networks["default"]!.external = true
        var o = Fixtures.converged(p)
        o.networks = [:]
        #expect(throws: PlanError.self) { try self.plan(q, o) }
        o.networks["shared"] = ObservedNetwork(id: "x", name: "shared")
        let result = try self.plan(q, o)
        #expect(!result.nodes.contains { if case .createNetwork = $0.operation { return true }; return false })
    }

    @Test func extraNetworksAreConnectedBeforeStart() throws {
        var q = Fixtures.project([Fixtures.service("app") { $0.networks = ["front": nil, "back": ServiceNetwork(aliases: ["api"])] }])
        q.networks["front"] = Network(name: "demo_front")
        q.networks["back"] = Network(name: "demo_back")
        var o = ObservedProject(name: "demo")
        o.images[Fixtures.image] = Fixtures.imageID
        let plan = try plan(q, o)
        #expect(Fixtures.text(plan) == """
            create-network demo_front
            create-network demo_back
            create-container demo-app-1 (service app, hash H)
            connect-network demo_back demo-app-1
            start-container demo-app-1

            """)
        guard case .connectNetwork(_, _, let ep) = plan.nodes[3].operation else { Issue.record("not a connect"); return }
        #expect(ep.aliases == ["app", "api"])
    }

    @Test func samePlanForSameInputs() throws {
        let a = try plan(p, ObservedProject(name: "demo"))
        let b = try plan(p, ObservedProject(name: "demo"))
        #expect(a == b)
        #expect(a.graphText == b.graphText)
    }
}

@Suite struct PlannerRepairTests {
    /// A recreate interrupted after removing the old container leaves the new one under its temporary name:
    /// the next `up` renames it instead of creating another.
    @Test func interruptedRecreateIsRenamed() throws {
        let p = Fixtures.webapp
        var o = Fixtures.converged(p)
        let i = o.containers.firstIndex { $0.name == "demo-worker-1" }!
        o.containers[i].name = "0123456789ab_demo-worker-1"
        o.containers[i].state = .created
        let plan = try Planner.plan(desired: p, observed: o, options: UpOptions())
        #expect(Fixtures.text(plan) == """
            rename-container 0123456789ab_demo-worker-1 demo-worker-1
            start-container demo-worker-1 after demo-db-1 healthy

            """)
    }

    @Test func nameTakenByAnotherContainerIsLeftAlone() throws {
        let p = Fixtures.webapp
        var o = Fixtures.converged(p)
        var stray = o.containers.first { $0.name == "demo-worker-1" }!
        stray.name = "other_demo-worker-1"
        stray.labels[ComposeLabels.containerNumber] = "2"
        o.containers.append(stray)
        // The stray is number 2 of a service that wants 1: it goes, the original stays.
        let plan = try Planner.plan(desired: p, observed: o, options: UpOptions())
        #expect(Fixtures.text(plan) == "stop-container other_demo-worker-1\nremove-container other_demo-worker-1\n")
    }
}

@Suite struct PlannerRecreatePolicyTests {
    let p = Fixtures.webapp

    @Test func forceRecreateOfASubsetLeavesDependenciesAlone() throws {
        let plan = try Planner.plan(desired: p, observed: Fixtures.converged(p), options: UpOptions(services: ["worker"], recreate: .force))
        #expect(plan.text.contains("rename-container"))
        #expect(!plan.text.contains("demo-db-1 (replaced)"))
    }

    @Test func alwaysRecreateDepsRecreatesDependencies() throws {
        var options = UpOptions(services: ["worker"])
        options.recreateDependencies = .force
        let plan = try Planner.plan(desired: p, observed: Fixtures.converged(p), options: options)
        #expect(plan.text.contains("stop-container demo-db-1 (replaced)"))
        #expect(!plan.text.contains("demo-worker-1 (replaced)"))
    }

    @Test func renewAnonymousVolumes() throws {
        var q = p
        q.services["db"]!.volumes.append(.init(type: .volume, target: "/cache"))
        var o = Fixtures.converged(p)
        let i = o.containers.firstIndex { $0.service == "db" }!
        o.containers[i].mounts = [ObservedMount(type: "volume", name: String(repeating: "a", count: 64), destination: "/cache")]
        var options = UpOptions()
        options.renewAnonymousVolumes = true
        let plan = try Planner.plan(desired: q, observed: o, options: options)
        let create = plan.nodes.compactMap { n -> ContainerCreation? in
            if case .createContainer(let c) = n.operation { return c }; return nil
        }.first!
        #expect(create.body.hostConfig?.mounts?.contains { $0.target == "/cache" && $0.source == nil } == true)
    }
}

@Suite struct PlannerDeadContainerTests {
    @Test func deadContainerIsRecreated() throws {
        let p = Fixtures.webapp
        var o = Fixtures.converged(p)
        let i = o.containers.firstIndex { $0.name == "demo-db-1" }!
        o.containers[i].state = .dead
        let plan = try Planner.plan(desired: p, observed: o, options: UpOptions())
        #expect(plan.text.contains("remove-container demo-db-1 (replaced)"))
        #expect(!plan.text.contains("stop-container demo-db-1"))
    }
}

@Suite struct PlannerInterruptedRecreateTests {
    /// Interrupted between creating the replacement and removing the old container: the old one goes,
    /// the replacement takes the name.
    @Test func oldAndReplacementBothPresent() throws {
        let p = Fixtures.webapp
        var o = Fixtures.converged(p)
        let i = o.containers.firstIndex { $0.name == "demo-worker-1" }!
        var replacement = o.containers[i]
        replacement.name = "0123456789ab_demo-worker-1"
        replacement.id = String(repeating: "e", count: 64)
        replacement.state = .created
        o.containers[i].labels[ComposeLabels.configHash] = "old"
        o.containers[i].state = .exited
        o.containers.append(replacement)
        let plan = try Planner.plan(desired: p, observed: o, options: UpOptions())
        #expect(Fixtures.text(plan) == """
            remove-container demo-worker-1
            rename-container 0123456789ab_demo-worker-1 demo-worker-1
            start-container demo-worker-1 after demo-db-1 healthy

            """)
        #expect(plan.nodes[1].dependsOn == [0])
    }
}
