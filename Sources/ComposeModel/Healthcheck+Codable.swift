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
