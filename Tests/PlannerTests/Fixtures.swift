import ComposeModel
import EngineAPI
import StateObserver
@testable import Planner

/// Hand-built projects and observed states for planner tests.
enum Fixtures {
    static let image = "swiftcompose/busybox:latest"
    static let imageID = "sha256:" + String(repeating: "b", count: 64)

    static func service(_ name: String, _ configure: (inout Service) -> Void = { _ in }) -> Service {
        var s = Service(name: name)
        s.image = image
        configure(&s)
        return s
    }

    static func project(_ services: [Service], volumes: [String] = [], name: String = "demo") -> Project {
        var p = Project(name: name, workingDir: "/src/\(name)", composeFiles: ["/src/\(name)/compose.yaml"])
        for s in services { p.services[s.name] = s }
        p.networks["default"] = Network(name: "\(name)_default")
        for v in volumes { p.volumes[v] = Volume(name: "\(name)_\(v)") }
        return p
    }

    /// The webapp example: init (one-shot), db (healthcheck), worker and web depending on them.
    static var webapp: Project {
        project([
            service("init") { $0.command = ["sh", "-c", "echo hi > /site/index.html"]; $0.volumes = [.init(type: .volume, source: "site", target: "/site")] },
            service("db") {
                $0.volumes = [.init(type: .volume, source: "data", target: "/data")]
                $0.healthcheck = Healthcheck(test: ["CMD", "test", "-f", "/data/ready"], interval: .init(seconds: 1), retries: 20)
            },
            service("worker") { $0.dependsOn = ["db": .init(condition: .serviceHealthy)] },
            service("web") {
                $0.ports = [ServicePort(target: 80, published: "8080", hostIP: "127.0.0.1")]
                $0.volumes = [.init(type: .volume, source: "site", target: "/site", readOnly: true)]
                $0.dependsOn = ["init": .init(condition: .serviceCompletedSuccessfully), "db": .init(condition: .serviceHealthy)]
            },
        ], volumes: ["site", "data"])
    }

    static func containerID(_ name: String) -> String {
        let hex = name.unicodeScalars.map { String($0.value % 16, radix: 16) }.joined()
        return String((hex + String(repeating: "0", count: 64)).prefix(64))
    }

    /// A container of `service` as `up` would have made it.
    static func container(_ p: Project, _ service: String, _ number: Int, state: ObservedContainer.State = .running,
                          hash: String? = nil, exitCode: Int? = nil) -> ObservedContainer {
        let s = p.services[service] ?? Service(name: service)
        let name = p.containerName(s, number: number)
        let labels: [String: String] = [
            ComposeLabels.project: p.name, ComposeLabels.service: service,
            ComposeLabels.containerNumber: String(number), ComposeLabels.oneoff: "False",
            ComposeLabels.configHash: hash ?? Planner.configHash(s), ComposeLabels.image: imageID,
        ]
        let networks = p.networkKeys(of: s).map { p.networkName($0) }
        return ObservedContainer(id: containerID(name), name: name, labels: labels, state: state,
                                 exitCode: exitCode ?? (state == .exited ? 0 : nil), imageID: imageID, networks: networks)
    }

    /// The state right after a successful `up` of `p`.
    static func converged(_ p: Project, scale: [String: Int] = [:]) -> ObservedProject {
        var o = ObservedProject(name: p.name)
        for key in p.networks.keys {
            let name = p.networkName(key)
            o.networks[name] = ObservedNetwork(id: "net-\(key)", name: name, labels: [ComposeLabels.project: p.name, ComposeLabels.network: key])
        }
        for key in p.volumes.keys {
            let name = p.volumeName(key)
            o.volumes[name] = ObservedVolume(name: name, labels: [ComposeLabels.project: p.name, ComposeLabels.volume: key])
        }
        o.images[image] = imageID
        for s in p.services.values {
            let n = scale[s.name] ?? s.replicas
            for i in stride(from: 1, through: n, by: 1) { o.containers.append(container(p, s.name, i)) }
        }
        return o
    }

    /// Plan text with hashes masked, so goldens do not depend on the hash function.
    static func text(_ plan: Plan) -> String {
        var out = ""
        for line in plan.text.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = String(line)
            if let r = l.range(of: "hash ") {
                let end = l.index(r.upperBound, offsetBy: 12, limitedBy: l.endIndex) ?? l.endIndex
                l.replaceSubrange(r.upperBound..<end, with: "H")
            }
            out += l + "\n"
        }
        return String(out.dropLast())
    }
}
