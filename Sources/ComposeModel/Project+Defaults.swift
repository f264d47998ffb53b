extension Project {
    /// Fills what Compose implies: the `default` network for services that name none (and have no
    /// `network_mode`), the top-level `default` network when used, and engine-side names for networks,
    /// volumes, secrets and configs (`<project>_<key>`, or the key when external).
    /// Idempotent. Services still carrying `extends` are left alone until it is resolved.
    public mutating func applyDefaults() {
        var usesDefault = false
        for key in services.keys {
            guard var s = services[key] else { continue }
            if s.networks.isEmpty && s.networkMode == nil && s.extends == nil {
                s.networks["default"] = .some(nil)
                services[key] = s
            }
            if s.networks.keys.contains("default") { usesDefault = true }
        }
        if usesDefault && networks["default"] == nil {
            networks["default"] = Network(name: "\(name)_default")
        }
        let project = name
        func named(_ key: String, _ name: String?, external: Bool) -> String {
            name ?? (external ? key : "\(project)_\(key)")
        }
        for (key, n) in networks { networks[key]?.name = named(key, n.name, external: n.isExternal) }
        for (key, v) in volumes { volumes[key]?.name = named(key, v.name, external: v.isExternal) }
        for (key, s) in secrets { secrets[key]?.name = named(key, s.name, external: s.isExternal) }
        for (key, c) in configs { configs[key]?.name = named(key, c.name, external: c.isExternal) }
    }
}
