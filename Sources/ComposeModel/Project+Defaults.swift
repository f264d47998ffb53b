extension Project {
    /// Fills what Compose implies: the `default` network for services that name none (and have no
    /// `network_mode`), the top-level `default` network when used, and engine-side names for networks,
    /// volumes, secrets and configs (`<project>_<key>`, or the key when external).
    /// Idempotent. Services still carrying `extends` are left alone until it is resolved.
    public mutating func applyDefaults() {
        var usesDefault = false
        // In place: a copy of each service out and back cost more than the rest of this.
        for i in services.values.indices {
            if services.values[i].networks.isEmpty && services.values[i].networkMode == nil && services.values[i].extends == nil {
                services.values[i].networks["default"] = .some(nil)
            }
            if services.values[i].networks.keys.contains("default") { usesDefault = true }
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
