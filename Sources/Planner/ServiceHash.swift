import ComposeModel
import Crypto

extension Planner {
    /// The `com.docker.compose.config-hash` of a service.
    public static func configHash(_ service: Service) -> String { serviceConfigHash(service) }
}

// TEMPORARY until ConfigHash (loader-project) lands: hashes the model's description.
func serviceConfigHash(_ service: Service) -> String {
    var s = service
    s.scale = nil
    s.deploy?.replicas = nil
    s.build = nil
    s.pullPolicy = nil
    s.dependsOn = [:]
    s.profiles = []
    let digest = SHA256.hash(data: Array(String(describing: s).utf8))
    let hex = Array("0123456789abcdef")
    return String(digest.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] })
}
