public import ComposeModel
import ComposeLoader

extension Planner {
    /// The `com.docker.compose.config-hash` of a service (the loader's canonical-JSON SHA-256).
    public static func configHash(_ service: Service) -> String { ConfigHash.compute(service) }
}

func serviceConfigHash(_ service: Service) -> String { ConfigHash.compute(service) }
