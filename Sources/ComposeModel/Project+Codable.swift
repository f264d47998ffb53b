import OrderedCollections

extension Project: Codable {
    /// Reads a project document; `workingDir`, `composeFiles` and `environment` are not part of it.
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(name: try f.opt("name") ?? "")
        services = try f.opt("services", as: DecodedMap<Service>.self)?.values ?? [:]
        // Named in place: copying each service out and back was a large share of decoding.
        for i in services.values.indices where services.values[i].name != services.keys[i] {
            services.values[i].name = services.keys[i]
        }
        networks = try f.opt("networks", as: DecodedMap<Network>.self)?.values ?? [:]
        volumes = try f.opt("volumes", as: DecodedMap<Volume>.self)?.values ?? [:]
        secrets = try f.opt("secrets", as: DecodedMap<Secret>.self)?.values ?? [:]
        configs = try f.opt("configs", as: DecodedMap<Config>.self)?.values ?? [:]
        models = try f.opt("models", as: DecodedMap<JSONValue>.self)?.values ?? [:]
        extensions = try f.extensions()
    }

    /// The canonical document `docker compose config` prints.
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("name", name)
        try w.putAlways("services", services)
        try w.put("networks", networks)
        try w.put("volumes", volumes)
        try w.put("secrets", secrets)
        try w.put("configs", configs)
        try w.put("models", models)
        try w.extensions(extensions)
    }
}
