import ComposeModel
import ProjectGraph
import Testing

@Suite struct ProjectGraphTests {
    func graph(_ edges: [(String, [String])]) -> DependencyGraph {
        DependencyGraph(edges: edges.map { (service: $0.0, dependsOn: $0.1) })
    }

    @Test func topologicalOrderPutsDependenciesFirst() throws {
        let g = graph([("web", ["api", "cache"]), ("api", ["db"]), ("db", []), ("cache", []), ("worker", ["db"])])
        let order = try g.topologicalOrder()
        #expect(order.count == 5)
        for (s, deps) in [("web", ["api", "cache"]), ("api", ["db"]), ("worker", ["db"])] {
            for d in deps {
                #expect((order.firstIndex(of: d) ?? 99) < (order.firstIndex(of: s) ?? -1), "\(d) before \(s)")
            }
        }
        #expect(order == ["db", "api", "cache", "web", "worker"])
    }

    @Test func levels() throws {
        let g = graph([("web", ["api"]), ("api", ["db"]), ("db", []), ("cache", [])])
        #expect(try g.levels() == [["db", "cache"], ["api"], ["web"]])
    }

    @Test func cycleIsReportedAsClosedPath() {
        let g = graph([("a", ["b"]), ("b", ["c"]), ("c", ["a"]), ("d", [])])
        #expect(g.cycle() == ["a", "b", "c", "a"])
        #expect(throws: DependencyCycle(path: ["a", "b", "c", "a"])) { try g.topologicalOrder() }
        #expect(DependencyCycle(path: ["a", "b", "a"]).description == "dependency cycle detected: a -> b -> a")
        #expect(graph([("a", ["a"])]).cycle() == ["a", "a"])
        #expect(graph([("a", ["b"]), ("b", [])]).cycle() == nil)
    }

    @Test func queries() {
        let g = graph([("web", ["api"]), ("api", ["db"]), ("db", []), ("admin", ["db"])])
        #expect(g.dependencies(of: "web") == ["api"])
        #expect(g.dependents(of: "db") == ["api", "admin"])
        #expect(g.withDependencies(["web"]) == ["db", "api", "web"])
        #expect(g.withDependents(["db"]) == ["db", "api", "web", "admin"])
        #expect(g.dependencies(of: "nope").isEmpty)
    }

    @Test func implicitDependenciesFromModel() {
        var web = Service(name: "web")
        web.links = ["db:database"]
        web.volumesFrom = ["data:ro", "container:foreign"]
        web.networkMode = "service:proxy"
        web.dependsOn["cache"] = ServiceDependency()
        var p = Project(name: "p")
        for n in ["db", "data", "proxy", "cache"] { p.services[n] = Service(name: n) }
        p.services["web"] = web
        let g = DependencyGraph(p)
        #expect(g.dependencies(of: "web") == ["cache", "db", "data", "proxy"])
    }

    @Test func deepChainDoesNotOverflow() throws {
        let n = 20_000
        let edges = (0..<n).map { i in ("s\(i)", i + 1 < n ? ["s\(i + 1)"] : []) }
        let g = graph(edges)
        #expect(g.cycle() == nil)
        #expect(try g.topologicalOrder().first == "s\(n - 1)")
    }
}
