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
