import OrderedCollections

extension ServiceDependency: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init()
        if let c = try f.opt("condition", as: String.self) {
            guard let condition = Condition(rawValue: c) else {
                throw ValueError("invalid depends_on condition \"\(c)\"",
                                 hint: "use service_started, service_healthy or service_completed_successfully")
            }
            self.condition = condition
        }
        required = try f.opt("required", as: FlexibleBool.self)?.value ?? true
        restart = try f.opt("restart", as: FlexibleBool.self)?.value ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("condition", condition.rawValue)
        try w.put("required", required)
        if restart { try w.put("restart", restart) }
    }
}

/// `depends_on`: a list of names or a map of name → dependency.
struct DependsOn: Decodable {
    var values: OrderedDictionary<String, ServiceDependency> = [:]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .sequence {
            for name in try [String](from: decoder) { values[name] = ServiceDependency() }
        } else {
            values = try DecodedMap<ServiceDependency>(from: decoder).values
        }
    }
}
