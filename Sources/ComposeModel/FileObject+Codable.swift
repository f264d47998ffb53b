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
