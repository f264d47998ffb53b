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

    /// The keys read here. Found with one hash, not a `switch` over their strings, which Swift
    /// compares in turn (460 comparisons a service); the raw value is the key's bit in `seen`.
    private enum Key: UInt8 {
        case image, containerName, hostname, domainname, workingDir, user, platform, stopSignal, networkMode, ipc
        case pid, runtime, restart, command, entrypoint, capAdd, capDrop, expose, dns, dnsSearch, profiles
        case securityOpt, tmpfs, links, externalLinks, volumesFrom, labels, annotations, sysctls, environment, ports
        case volumes, networks, dependsOn, healthcheck, logging, ulimits, extraHosts, stopGracePeriod, memLimit
        case memReservation, shmSize, deploy, build
    }

    private static let keys: [String: Key] = [
        "image": .image, "container_name": .containerName, "hostname": .hostname, "domainname": .domainname,
        "working_dir": .workingDir, "user": .user, "platform": .platform, "stop_signal": .stopSignal,
        "network_mode": .networkMode, "ipc": .ipc, "pid": .pid, "runtime": .runtime, "restart": .restart,
        "command": .command, "entrypoint": .entrypoint, "cap_add": .capAdd, "cap_drop": .capDrop, "expose": .expose,
        "dns": .dns, "dns_search": .dnsSearch, "profiles": .profiles, "security_opt": .securityOpt, "tmpfs": .tmpfs,
        "links": .links, "external_links": .externalLinks, "volumes_from": .volumesFrom, "labels": .labels,
        "annotations": .annotations, "sysctls": .sysctls, "environment": .environment, "ports": .ports,
        "volumes": .volumes, "networks": .networks, "depends_on": .dependsOn, "healthcheck": .healthcheck,
        "logging": .logging, "ulimits": .ulimits, "extra_hosts": .extraHosts, "stop_grace_period": .stopGracePeriod,
        "mem_limit": .memLimit, "mem_reservation": .memReservation, "shm_size": .shmSize, "deploy": .deploy,
        "build": .build,
    ]

    private func service(_ entries: [YAMLNode.Entry]) throws(Bail) -> Service {
        var s = Service(name: key.stringValue)
        var seen: UInt64 = 0
        for e in entries {
            guard case .scalar(let k, _) = e.key.kind else { throw Bail() }
            let v = e.value
            guard let field = Self.keys[k] else {
                guard k.hasPrefix("x-"), s.extensions[k] == nil else { throw Bail() }
                s.extensions[k] = YAMLNodeDecoder.jsonValue(v)
                continue
            }
            let bit: UInt64 = 1 << field.rawValue
            guard seen & bit == 0 else { throw Bail() }
            seen |= bit
            switch field {
            case .image: s.image = try Self.optString(v)
            case .containerName: s.containerName = try Self.optString(v)
            case .hostname: s.hostname = try Self.optString(v)
            case .domainname: s.domainname = try Self.optString(v)
            case .workingDir: s.workingDir = try Self.optString(v)
            case .user: s.user = try Self.optString(v)
            case .platform: s.platform = try Self.optString(v)
            case .stopSignal: s.stopSignal = try Self.optString(v)
            case .networkMode: s.networkMode = try Self.optString(v)
            case .ipc: s.ipc = try Self.optString(v)
            case .pid: s.pid = try Self.optString(v)
            case .runtime: s.runtime = try Self.optString(v)
            case .restart: s.restart = try Self.restart(v)
            case .command: s.command = try Self.shellCommand(v)
            case .entrypoint: s.entrypoint = try Self.shellCommand(v)
            case .capAdd: s.capAdd = try Self.strings(v)
            case .capDrop: s.capDrop = try Self.strings(v)
            case .expose: s.expose = try Self.strings(v)
            case .dns: s.dns = try Self.strings(v)
            case .dnsSearch: s.dnsSearch = try Self.strings(v)
            case .profiles: s.profiles = try Self.strings(v)
            case .securityOpt: s.securityOpt = try Self.strings(v)
            case .tmpfs: s.tmpfs = try Self.strings(v)
            case .links: s.links = try Self.strings(v)
            case .externalLinks: s.externalLinks = try Self.strings(v)
            case .volumesFrom: s.volumesFrom = try Self.strings(v)
            case .labels: s.labels = try Self.stringMap(v)
            case .annotations: s.annotations = try Self.stringMap(v)
            case .sysctls: s.sysctls = try Self.stringMap(v)
            case .environment: s.environment = try Self.listOrDict(v)
            case .ports: s.ports = try Self.ports(v)
            case .volumes: s.volumes = try Self.volumes(v)
            case .networks: s.networks = try Self.networks(v)
            case .dependsOn: s.dependsOn = try dependsOn(v, key: k)
            case .healthcheck: s.healthcheck = try Self.healthcheck(v)
            case .logging: s.logging = try Self.logging(v)
            case .ulimits: s.ulimits = try ulimits(v, key: k)
            case .extraHosts: s.extraHosts = try Self.extraHosts(v)
            case .stopGracePeriod: s.stopGracePeriod = try Self.duration(v)
            case .memLimit: s.memLimit = try Self.byteSize(v)
            case .memReservation: s.memReservation = try Self.byteSize(v)
            case .shmSize: s.shmSize = try Self.byteSize(v)
            case .deploy: s.deploy = try codable(DeployConfig.self, v, key: k)
            case .build: s.build = try codable(BuildConfig.self, v, key: k)
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
