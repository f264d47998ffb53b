extension ServiceNetwork: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(aliases: try f.strings("aliases"), ipv4Address: try f.opt("ipv4_address"), ipv6Address: try f.opt("ipv6_address"))
        linkLocalIPs = try f.strings("link_local_ips")
        macAddress = try f.opt("mac_address")
        priority = try f.opt("priority")
        gwPriority = try f.opt("gw_priority")
        interfaceName = try f.opt("interface_name")
        driverOpts = try f.map("driver_opts")
        extensions = try f.extensions()
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("aliases", aliases)
        try w.put("driver_opts", driverOpts)
        try w.put("gw_priority", gwPriority)
        try w.put("interface_name", interfaceName)
        try w.put("ipv4_address", ipv4Address)
        try w.put("ipv6_address", ipv6Address)
        try w.put("link_local_ips", linkLocalIPs)
        try w.put("mac_address", macAddress)
        try w.put("priority", priority)
        try w.extensions(extensions)
    }
}

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

import OrderedCollections

extension Healthcheck: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init()
        if f.has("test") {
            switch try f.opt("test", as: HealthTest.self) {
            case .some(let t): test = t.values
            case .none: test = nil
            }
        }
        interval = try f.opt("interval")
        timeout = try f.opt("timeout")
        startPeriod = try f.opt("start_period")
        startInterval = try f.opt("start_interval")
        retries = try f.opt("retries")
        disable = try f.opt("disable", as: FlexibleBool.self)?.value
        if let retries, retries < 0 {
            throw ValueError("healthcheck retries must not be negative")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        if let test { try w.c.encode(test, forKey: AnyCodingKey("test")) }
        try w.put("timeout", timeout)
        try w.put("interval", interval)
        try w.put("retries", retries)
        try w.put("start_period", startPeriod)
        try w.put("start_interval", startInterval)
        try w.put("disable", disable)
    }
}

/// `healthcheck.test`: a string means `CMD-SHELL`, a list is kept.
struct HealthTest: Decodable {
    var values: [String]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .sequence {
            values = try [String](from: decoder)
            if let first = values.first, !["CMD", "CMD-SHELL", "NONE"].contains(first) {
                throw ValueError("healthcheck test must start with CMD, CMD-SHELL or NONE, found \"\(first)\"",
                                 hint: "write [\"CMD\", \"curl\", \"-f\", \"http://localhost\"] or a plain string for a shell command")
            }
        } else {
            values = ["CMD-SHELL", try decoder.scalarString()]
        }
    }
}
