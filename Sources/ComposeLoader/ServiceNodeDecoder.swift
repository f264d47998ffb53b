import YAML
import ComposeModel
import OrderedCollections

/// Decodes the common shapes of a service straight from the node tree, without `Decoder` boxes.
/// Anything unusual, and anything that would be an error, gives nil: the caller then runs the
/// Codable path, which decodes the rare shapes and words every error with its position and path.
struct ServiceNodeDecoder {
    /// Any reason to leave the service to the Codable path.
    struct Bail: Error {}

    /// The path of the `services` mapping and the service's key, for sub-values decoded with Codable.
    let parent: CodingPathNode?
    let key: AnyCodingKey

    static func decode(_ node: YAMLNode, parent: CodingPathNode?, key: AnyCodingKey) -> Service? {
        guard case .mapping(let entries) = node.kind else { return nil }
        do {
            return try ServiceNodeDecoder(parent: parent, key: key).service(entries)
        } catch {
            return nil
        }
    }

    private func service(_ entries: [YAMLNode.Entry]) throws(Bail) -> Service {
        var s = Service(name: key.stringValue)
        var seen = Set<String>(minimumCapacity: entries.count)
        for e in entries {
            guard case .scalar(let k, _) = e.key.kind, seen.insert(k).inserted else { throw Bail() }
            let v = e.value
            switch k {
            case "image": s.image = try Self.optString(v)
            case "container_name": s.containerName = try Self.optString(v)
            case "hostname": s.hostname = try Self.optString(v)
            case "domainname": s.domainname = try Self.optString(v)
            case "working_dir": s.workingDir = try Self.optString(v)
            case "user": s.user = try Self.optString(v)
            case "platform": s.platform = try Self.optString(v)
            case "stop_signal": s.stopSignal = try Self.optString(v)
            case "network_mode": s.networkMode = try Self.optString(v)
            case "ipc": s.ipc = try Self.optString(v)
            case "pid": s.pid = try Self.optString(v)
            case "runtime": s.runtime = try Self.optString(v)
            case "restart": s.restart = try Self.restart(v)
            case "command": s.command = try Self.shellCommand(v)
            case "entrypoint": s.entrypoint = try Self.shellCommand(v)
            case "cap_add": s.capAdd = try Self.strings(v)
            case "cap_drop": s.capDrop = try Self.strings(v)
            case "expose": s.expose = try Self.strings(v)
            case "dns": s.dns = try Self.strings(v)
            case "dns_search": s.dnsSearch = try Self.strings(v)
            case "profiles": s.profiles = try Self.strings(v)
            case "security_opt": s.securityOpt = try Self.strings(v)
            case "tmpfs": s.tmpfs = try Self.strings(v)
            case "links": s.links = try Self.strings(v)
            case "external_links": s.externalLinks = try Self.strings(v)
            case "volumes_from": s.volumesFrom = try Self.strings(v)
            case "labels": s.labels = try Self.stringMap(v)
            case "annotations": s.annotations = try Self.stringMap(v)
            case "sysctls": s.sysctls = try Self.stringMap(v)
            case "environment": s.environment = try Self.listOrDict(v)
            case "ports": s.ports = try Self.ports(v)
            case "volumes": s.volumes = try Self.volumes(v)
            case "networks": s.networks = try Self.networks(v)
            case "depends_on": s.dependsOn = try dependsOn(v, key: k)
            case "healthcheck": s.healthcheck = try Self.healthcheck(v)
            case "logging": s.logging = try Self.logging(v)
            case "ulimits": s.ulimits = try ulimits(v, key: k)
            case "extra_hosts": s.extraHosts = try Self.extraHosts(v)
            case "stop_grace_period": s.stopGracePeriod = try Self.duration(v)
            case "mem_limit": s.memLimit = try Self.byteSize(v)
            case "mem_reservation": s.memReservation = try Self.byteSize(v)
            case "shm_size": s.shmSize = try Self.byteSize(v)
            case "deploy": s.deploy = try codable(DeployConfig.self, v, key: k)
            case "build": s.build = try codable(BuildConfig.self, v, key: k)
            default:
                guard k.hasPrefix("x-") else { throw Bail() }
                s.extensions[k] = YAMLNodeDecoder.jsonValue(v)
            }
        }
        return s
    }

    /// A sub-value decoded with Codable under its real path (so a model that reads its path sees
    /// the same one); nil for null as `decodeIfPresent` gives.
    func codable<T: Decodable>(_ type: T.Type, _ node: YAMLNode, key k: String) throws(Bail) -> T? {
        if node.isNull { return nil }
        do {
            return try YAMLNodeDecoder.decodeValue(T.self, node: node, parent: CodingPathNode(parent: parent, key: key), key: AnyCodingKey(k))
        } catch {
            throw Bail()
        }
    }
}
