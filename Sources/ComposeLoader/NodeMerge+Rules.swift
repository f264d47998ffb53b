import YAML

extension NodeMerge {
    /// How the values at one key path merge (compose-go's `mergeSpecials` and `unique` tables).
    enum Rule: Equatable {
        /// The override replaces the value (`command`, `entrypoint`, `healthcheck.test`, `ulimits.*`).
        case replace
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
        "ulimits.*": .replace,
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
