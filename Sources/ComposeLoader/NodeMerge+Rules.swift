public import YAML

extension NodeMerge {
    /// How the values at one key path merge (compose-go's `mergeSpecials` and `unique` tables).
    enum Rule: Equatable {
        /// The override replaces the value (`command`, `entrypoint`, `healthcheck.test`).
        case replace
        /// `ulimits.<name>`: two mappings merge, otherwise the override replaces.
        case ulimit
        /// `KEY=VALUE` lists or maps, merged by key; a map when either side is a map.
        case keyValue
        case extraHosts
        /// Sequences appended, then one entry per key (the later entry wins, at the earlier one's place).
        case unique(UniqueKey)
        /// Lists of names or maps keyed by name (`networks`, `depends_on`, `models` of a service).
        case named(dependsOn: Bool)
        case logging
        case build
        case ipamConfig
        case generic
    }

    enum UniqueKey: Equatable {
        case beforeEquals, tmpfs, envFile, expose, device, volume, port
        case mount(defaultDirectory: String)
    }

    private static let serviceRules: [String: Rule] = [
        "command": .replace,
        "entrypoint": .replace,
        "healthcheck.test": .replace,
        "ulimits.*": .ulimit,
        "environment": .keyValue,
        "labels": .keyValue,
        "annotations": .keyValue,
        "sysctls": .keyValue,
        "build.args": .keyValue,
        "build.labels": .keyValue,
        "build.additional_contexts": .keyValue,
        "deploy.labels": .keyValue,
        "extra_hosts": .extraHosts,
        "build.extra_hosts": .extraHosts,
        "dns": .unique(.beforeEquals),
        "dns_opt": .unique(.beforeEquals),
        "dns_search": .unique(.beforeEquals),
        "cap_add": .unique(.beforeEquals),
        "cap_drop": .unique(.beforeEquals),
        "profiles": .unique(.beforeEquals),
        "links": .unique(.beforeEquals),
        "build.tags": .unique(.beforeEquals),
        "build.platforms": .unique(.beforeEquals),
        "networks.*.aliases": .unique(.beforeEquals),
        "networks.*.link_local_ips": .unique(.beforeEquals),
        "tmpfs": .unique(.tmpfs),
        "env_file": .unique(.envFile),
        "label_file": .unique(.envFile),
        "expose": .unique(.expose),
        "devices": .unique(.device),
        "volumes": .unique(.volume),
        "ports": .unique(.port),
        "secrets": .unique(.mount(defaultDirectory: "/run/secrets")),
        "configs": .unique(.mount(defaultDirectory: "")),
        "networks": .named(dependsOn: false),
        "models": .named(dependsOn: false),
        "depends_on": .named(dependsOn: true),
        "logging": .logging,
        "build": .build,
    ]

    private static let topRules: [String: Rule] = [
        "networks.*.labels": .keyValue,
        "volumes.*.labels": .keyValue,
        "secrets.*.labels": .keyValue,
        "configs.*.labels": .keyValue,
        "networks.*.ipam.config": .ipamConfig,
    ]

    /// The rule for a key path from the document root (`services.<name>.…`).
    static func rule(for path: [String]) -> Rule {
        if path.count >= 3, path[0] == "services" {
            return match(Array(path.dropFirst(2)), serviceRules)
        }
        return match(path, topRules)
    }

    private static func match(_ path: [String], _ table: [String: Rule]) -> Rule {
        if let r = table[path.joined(separator: ".")] { return r }
        // Patterns have at most one `*`, always in second position (`ulimits.*`, `networks.*.aliases`).
        guard path.count >= 2 else { return .generic }
        var p = path
        p[1] = "*"
        return table[p.joined(separator: ".")] ?? .generic
    }
}

extension NodeMerge {
    /// Applies the unique-key rules inside one document, as compose-go does after every file (the first one too):
    /// one port per ip/published/target/protocol, one volume per target, one `environment` entry per key...
    /// The later entry wins, at the earlier one's place.
    public static func enforceUnicity(_ node: YAMLNode) -> YAMLNode {
        unicity(node, path: [])
    }

    private static func unicity(_ node: YAMLNode, path: [String]) -> YAMLNode {
        var node = node
        switch node.kind {
        case .scalar:
            break
        case .mapping(let entries):
            node.kind = .mapping(entries.map { e in
                guard let k = e.key.scalarValue else { return e }
                return YAMLNode.Entry(key: e.key, value: unicity(e.value, path: path + [k]))
            })
        case .sequence(let items):
            let unique: UniqueKey
            switch rule(for: path) {
            case .unique(let k): unique = k
            case .keyValue, .named: unique = .beforeEquals
            default: return node
            }
            node.kind = .sequence(Merger.dedupe(items) { key(of: $0, unique) })
        }
        return node
    }
}
