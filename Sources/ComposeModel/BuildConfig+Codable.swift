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

/// `external:` is a boolean; the legacy form `external: {name: x}` also names the resource.
struct ExternalFlag: Decodable {
    var value: Bool
    var name: String?
    init(from decoder: any Decoder) throws {
        if decoder.shape == .mapping {
            let f = try FieldReader(decoder)
            value = true
            name = try f.opt("name")
        } else {
            value = try decoder.singleValueContainer().decode(Bool.self)
        }
    }
}

extension Network: Codable {
    public init(from decoder: any Decoder) throws {
        self.init()
        if decoder.shape == .null { return }
        let f = try FieldReader(decoder)
        name = try f.opt("name")
        driver = try f.opt("driver")
        driverOpts = try f.map("driver_opts")
        attachable = try f.opt("attachable", as: FlexibleBool.self)?.value
        enableIPv4 = try f.opt("enable_ipv4", as: FlexibleBool.self)?.value
        enableIPv6 = try f.opt("enable_ipv6", as: FlexibleBool.self)?.value
        `internal` = try f.opt("internal", as: FlexibleBool.self)?.value
        ipam = try f.opt("ipam")
        labels = try f.map("labels")
        if let ext = try f.opt("external", as: ExternalFlag.self) {
            external = ext.value
            if name == nil { name = ext.name }
        }
        extensions = try f.extensions()
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("name", name)
        try w.put("driver", driver)
        try w.put("driver_opts", driverOpts)
        try w.put("ipam", ipam)
        try w.put("external", external)
        try w.put("internal", `internal`)
        try w.put("attachable", attachable)
        try w.put("enable_ipv4", enableIPv4)
        try w.put("enable_ipv6", enableIPv6)
        try w.put("labels", labels)
        try w.extensions(extensions)
    }
}

extension Network.IPAM: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(driver: try f.opt("driver"), config: try f.opt("config") ?? [])
        options = try f.map("options")
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("driver", driver)
        try w.put("config", config)
        try w.put("options", options)
    }
}

extension Network.Pool: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(subnet: try f.opt("subnet"), ipRange: try f.opt("ip_range"), gateway: try f.opt("gateway"))
        auxAddresses = try f.map("aux_addresses")
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("subnet", subnet)
        try w.put("ip_range", ipRange)
        try w.put("gateway", gateway)
        try w.put("aux_addresses", auxAddresses)
    }
}

extension Volume: Codable {
    public init(from decoder: any Decoder) throws {
        self.init()
        if decoder.shape == .null { return }
        let f = try FieldReader(decoder)
        name = try f.opt("name")
        driver = try f.opt("driver")
        driverOpts = try f.map("driver_opts")
        labels = try f.map("labels")
        if let ext = try f.opt("external", as: ExternalFlag.self) {
            external = ext.value
            if name == nil { name = ext.name }
        }
        extensions = try f.extensions()
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("name", name)
        try w.put("driver", driver)
        try w.put("driver_opts", driverOpts)
        try w.put("external", external)
        try w.put("labels", labels)
        try w.extensions(extensions)
    }
}

extension FileObject: Codable {
    public init(from decoder: any Decoder) throws {
        self.init()
        if decoder.shape == .null { return }
        let f = try FieldReader(decoder)
        name = try f.opt("name")
        file = try f.opt("file")
        environment = try f.opt("environment")
        content = try f.opt("content")
        labels = try f.map("labels")
        driver = try f.opt("driver")
        driverOpts = try f.map("driver_opts")
        templateDriver = try f.opt("template_driver")
        if let ext = try f.opt("external", as: ExternalFlag.self) {
            external = ext.value
            if name == nil { name = ext.name }
        }
        extensions = try f.extensions()
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("name", name)
        try w.put("file", file)
        try w.put("environment", environment)
        try w.put("content", content)
        try w.put("external", external)
        try w.put("labels", labels)
        try w.put("driver", driver)
        try w.put("driver_opts", driverOpts)
        try w.put("template_driver", templateDriver)
        try w.extensions(extensions)
    }
}
