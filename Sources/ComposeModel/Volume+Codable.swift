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
