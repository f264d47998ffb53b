public import ComposeModel
import Crypto

/// The `com.docker.compose.config-hash` of a service: SHA-256 of its JSON form without the
/// attributes that must not force a container to be recreated.
public enum ConfigHash {
    public static func compute(_ service: Service) -> String {
        var s = service
        // Scaling, building, pulling, ordering and profiles change how a service is run, not its containers.
        s.scale = nil
        s.deploy?.replicas = nil
        s.build = nil
        s.pullPolicy = nil
        s.dependsOn = [:]
        s.profiles = []
        let json = (try? ProjectEncoder.serviceJSON(s)) ?? ""
        return SHA256.hash(data: Array(json.utf8)).lowercaseHex
    }
}
