public import ComposeModel
import Crypto

extension Planner {
    /// Services whose published ports the supervisor's load balancer serves: several replicas (or an
    /// autoscaler) behind one published port, which Docker Compose cannot do ("port is already allocated").
    /// Their replicas publish each port on an ephemeral 127.0.0.1 port instead; the balancer takes the declared one.
    public static func balancedServices(_ project: Project, scale: [String: Int] = [:]) -> Set<String> {
        Set(project.services.values.filter { s in
            s.ports.contains { $0.published != nil }
                && ((scale[s.name] ?? s.replicas) > 1 || s.extensions["x-autoscale"] != nil)
        }.map(\.name))
    }

    /// The config hash of a balanced service's containers differs, so a change of mode recreates them.
    static func balancedHash(_ hash: String) -> String {
        SHA256.hash(data: Array((hash + "+balanced").utf8)).lowercaseHex
    }
}
