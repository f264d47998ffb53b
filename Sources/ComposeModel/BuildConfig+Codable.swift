import OrderedCollections

extension BuildConfig: Codable {
    public init(from decoder: any Decoder) throws {
        if decoder.shape != .mapping {
            self.init(context: try decoder.scalarString())
            dockerfile = "Dockerfile"
            return
        }
        let f = try FieldReader(decoder)
        self.init(context: try f.opt("context") ?? ".")
        dockerfile = try f.opt("dockerfile")
        dockerfileInline = try f.opt("dockerfile_inline")
        if dockerfile == nil && dockerfileInline == nil { dockerfile = "Dockerfile" }
        entitlements = try f.strings("entitlements")
        args = try f.optionalMap("args")
        for (id, path) in try f.optionalMap("ssh") { ssh.append(SSHKey(id: id, path: path)) }
        labels = try f.map("labels")
        cacheFrom = try f.strings("cache_from")
        cacheTo = try f.strings("cache_to")
        noCache = try f.opt("no_cache", as: FlexibleBool.self)?.value
        additionalContexts = try f.map("additional_contexts")
        network = try f.opt("network")
        provenance = try f.opt("provenance")
        sbom = try f.opt("sbom")
        pull = try f.opt("pull", as: FlexibleBool.self)?.value
        target = try f.opt("target")
        shmSize = try f.opt("shm_size")
        extraHosts = try f.opt("extra_hosts", as: ExtraHosts.self)?.values ?? [:]
        isolation = try f.opt("isolation")
        privileged = try f.opt("privileged", as: FlexibleBool.self)?.value
        secrets = try f.opt("secrets") ?? []
        tags = try f.strings("tags")
        ulimits = try f.opt("ulimits", as: Ulimits.self)?.values ?? [:]
        platforms = try f.strings("platforms")
        extensions = try f.extensions()
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("context", context)
        try w.put("dockerfile", dockerfile)
        try w.put("dockerfile_inline", dockerfileInline)
        try w.put("entitlements", entitlements)
        try w.put("args", args)
        try w.put("ssh", ssh.map { key in key.path.map { "\(key.id)=\($0)" } ?? key.id })
        try w.put("labels", labels)
        try w.put("cache_from", cacheFrom)
        try w.put("cache_to", cacheTo)
        try w.put("no_cache", noCache)
        try w.put("additional_contexts", additionalContexts)
        try w.put("network", network)
        try w.put("provenance", provenance)
        try w.put("sbom", sbom)
        try w.put("pull", pull)
        try w.put("target", target)
        try w.put("shm_size", shmSize)
        try w.put("extra_hosts", ExtraHosts.encoded(extraHosts))
        try w.put("isolation", isolation)
        try w.put("privileged", privileged)
        try w.put("secrets", secrets)
        try w.put("tags", tags)
        try w.put("ulimits", ulimits)
        try w.put("platforms", platforms)
        try w.extensions(extensions)
    }
}
