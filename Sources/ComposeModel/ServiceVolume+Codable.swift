extension ServiceVolume: Codable {
    public init(from decoder: any Decoder) throws {
        if decoder.shape != .mapping {
            self = try VolumeParser.parse(decoder.scalarString())
            return
        }
        let f = try FieldReader(decoder)
        let typeName = try f.req("type", as: String.self)
        guard let type = MountType(rawValue: typeName) else {
            throw ValueError("invalid volume type \"\(typeName)\"", hint: "use bind, volume, tmpfs, npipe, image or cluster")
        }
        let target = try f.opt("target", as: String.self) ?? ""
        self.init(type: type, source: try f.opt("source"), target: VolumeParser.cleanTarget(target),
                  readOnly: try f.opt("read_only", as: FlexibleBool.self)?.value,
                  consistency: try f.opt("consistency"),
                  bind: try f.opt("bind"), volume: try f.opt("volume"), tmpfs: try f.opt("tmpfs"), image: try f.opt("image"))
        if source?.isEmpty == true { source = nil }
        if target.isEmpty && type != .npipe {
            throw ValueError("volume of type \(typeName) has no target", hint: "add 'target:' with the path inside the container")
        }
        if type == .bind && source == nil {
            throw ValueError("bind mount to \(target) has no source", hint: "add 'source:' with the host path")
        }
        for (k, v) in try f.extensions() { extensions[k] = v }
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("type", type.rawValue)
        try w.put("source", source)
        try w.put("target", target)
        try w.put("read_only", readOnly)
        try w.put("consistency", consistency)
        try w.put("bind", bind)
        try w.put("volume", volume)
        try w.put("tmpfs", tmpfs)
        try w.put("image", image)
        for k in extensions.keys.sorted() { try w.put(k, extensions[k]) }
    }
}

extension ServiceVolume.BindOptions: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(propagation: try f.opt("propagation"), createHostPath: try f.opt("create_host_path", as: FlexibleBool.self)?.value,
                  selinux: try f.opt("selinux"), recursive: try f.opt("recursive"))
        if let selinux, selinux != "z", selinux != "Z" {
            throw ValueError("invalid selinux option \"\(selinux)\"", hint: "use z (shared) or Z (private)")
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("propagation", propagation)
        try w.put("create_host_path", createHostPath)
        try w.put("selinux", selinux)
        try w.put("recursive", recursive)
    }
}

extension ServiceVolume.VolumeOptions: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(nocopy: try f.opt("nocopy", as: FlexibleBool.self)?.value, subpath: try f.opt("subpath"))
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("nocopy", nocopy)
        try w.put("subpath", subpath)
    }
}

extension ServiceVolume.TmpfsOptions: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(size: try f.opt("size"), mode: try f.opt("mode", as: FileMode.self)?.value)
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("size", size)
        try w.put("mode", mode)
    }
}

extension ServiceVolume.ImageOptions: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(subpath: try f.opt("subpath"))
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("subpath", subpath)
    }
}
