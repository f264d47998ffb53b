import OrderedCollections

// What the encoder gives for `encode(to:)` of the small parts every service has, built directly:
// through the encoder they were a fifth of `config`'s output time.

extension ServiceDependency {
    func canonicalJSON() -> JSONValue {
        var b = JSONObjectBuilder()
        b.put("condition", condition.rawValue)
        b.put("required", required)
        if restart { b.put("restart", restart) }
        return b.object
    }
}

extension Ulimit {
    func canonicalJSON() -> JSONValue {
        if single { return .number(Double(soft)) }
        var b = JSONObjectBuilder()
        b.put("soft", soft)
        b.put("hard", hard)
        return b.object
    }
}

extension Logging {
    func canonicalJSON() -> JSONValue {
        var b = JSONObjectBuilder()
        b.put("driver", driver)
        b.put("options", options)
        return b.object
    }
}

extension ServiceVolume.BindOptions {
    func canonicalJSON() -> JSONValue {
        var b = JSONObjectBuilder()
        b.put("propagation", propagation)
        b.put("create_host_path", createHostPath)
        b.put("selinux", selinux)
        b.put("recursive", recursive)
        return b.object
    }
}

extension Volume {
    /// A project has as many named volumes as services, often.
    func canonicalJSON() -> JSONValue {
        var b = JSONObjectBuilder()
        b.put("name", name)
        b.put("driver", driver)
        b.put("driver_opts", driverOpts)
        b.put("external", external)
        b.put("labels", labels)
        for (k, v) in extensions { b.put(k, v) }
        return b.object
    }
}
