import Testing
import ComposeModel
import StateObserver
@testable import Planner

/// A 1000-service project: the plan has the expected shape (timing is printed, never asserted).
@Suite struct LargeProjectTests {
    static func project() -> Project {
        var services: [Service] = []
        for i in 0..<1000 {
            services.append(Fixtures.service("s\(i)") { s in
                s.environment["INDEX"] = String(i)
                if i > 0 { s.dependsOn["s\((i - 1) / 2)"] = ServiceDependency(condition: .serviceStarted) }
            })
        }
        return Fixtures.project(services)
    }

    @Test func thousandServices() throws {
        let p = Self.project()
        var o = ObservedProject(name: "demo")
        o.images[Fixtures.image] = Fixtures.imageID
        let clock = ContinuousClock()
        var plan = Plan()
        let fresh = try clock.measure { plan = try Planner.plan(desired: p, observed: o, options: UpOptions()) }
        #expect(plan.nodes.count == 1 + 2000)
        for n in plan.nodes { for d in n.dependsOn { #expect(d < n.id) } }
        let converged = Fixtures.converged(p)
        var noop = Plan()
        let again = try clock.measure { noop = try Planner.plan(desired: p, observed: converged, options: UpOptions()) }
        #expect(noop.isEmpty)
        let hashing = clock.measure { for s in p.services.values { _ = Planner.configHash(s) } }
        print("planner, 1000 services: fresh \(fresh), converged \(again) (of which config hashes \(hashing))")
    }
}
