import OrderedCollections

extension EnvFile: Codable {
    public init(from decoder: any Decoder) throws {
        if decoder.shape != .mapping {
            self.init(path: try decoder.scalarString())
            return
        }
        let f = try FieldReader(decoder)
        self.init(path: try f.req("path"), required: try f.opt("required", as: FlexibleBool.self)?.value ?? true, format: try f.opt("format"))
    }
    /// A plain path when nothing else is set, as compose-go prints it.
    public func encode(to encoder: any Encoder) throws {
        if required && format == nil {
            var c = encoder.singleValueContainer()
            try c.encode(path)
            return
        }
        var w = FieldWriter(encoder)
        try w.put("path", path)
        try w.put("required", required)
        try w.put("format", format)
    }
}

extension ExtendsConfig: Codable {
    public init(from decoder: any Decoder) throws {
        if decoder.shape != .mapping {
            self.init(service: try decoder.scalarString())
            return
        }
        let f = try FieldReader(decoder)
        self.init(service: try f.req("service"), file: try f.opt("file"))
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("service", service)
        try w.put("file", file)
    }
}

extension Ulimit: Codable {
    public init(from decoder: any Decoder) throws {
        if decoder.shape != .mapping {
            self.init(try decoder.singleValueContainer().decode(Int64.self))
            return
        }
        let f = try FieldReader(decoder)
        let soft: Int64 = try f.req("soft")
        let hard: Int64 = try f.req("hard")
        guard soft <= hard || hard < 0 else {
            throw ValueError("ulimit soft limit \(soft) is above the hard limit \(hard)", hint: "make soft <= hard")
        }
        self.init(soft: soft, hard: hard)
    }
    public func encode(to encoder: any Encoder) throws {
        if single {
            var c = encoder.singleValueContainer()
            try c.encode(soft)
        } else {
            var w = FieldWriter(encoder)
            try w.put("soft", soft)
            try w.put("hard", hard)
        }
    }
}

extension Logging: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(driver: try f.opt("driver"), options: try f.map("options"))
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("driver", driver)
        try w.put("options", options)
    }
}

extension DeviceMapping: Codable {
    public init(from decoder: any Decoder) throws {
        if decoder.shape == .mapping {
            let f = try FieldReader(decoder)
            let source: String = try f.req("source")
            self.init(source: source, target: try f.opt("target"), permissions: try f.opt("permissions") ?? "rwm")
            return
        }
        self = try DeviceMapping(parsing: decoder.scalarString())
    }

    /// "/dev/host[:/dev/container][:rwm]"; a device CDI name ("vendor.com/class=name") is kept whole.
    public init(parsing spec: String) throws(ValueError) {
        if spec.contains("="), !spec.hasPrefix("/") {
            self.init(source: spec, target: spec, permissions: "rwm")
            return
        }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func isPermissions(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { "rwm".contains($0) } }
        switch parts.count {
        case 1:
            self.init(source: parts[0])
        case 2:
            if isPermissions(parts[1]) {
                self.init(source: parts[0], permissions: parts[1])
            } else {
                self.init(source: parts[0], target: parts[1])
            }
        case 3:
            guard isPermissions(parts[2]) else {
                throw ValueError("invalid device \"\(spec)\": bad permissions \"\(parts[2])\"", hint: "permissions are a combination of r, w and m")
            }
            self.init(source: parts[0], target: parts[1], permissions: parts[2])
        default:
            throw ValueError("invalid device \"\(spec)\"", hint: "write /dev/host[:/dev/container[:rwm]]")
        }
        if source.isEmpty || target.isEmpty {
            throw ValueError("invalid device \"\(spec)\": empty path", hint: "write /dev/host[:/dev/container[:rwm]]")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("source", source)
        try w.put("target", target)
        try w.put("permissions", permissions)
    }
}

extension ServiceHook: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(command: try f.req("command", as: ShellCommand.self).values, user: try f.opt("user"),
                  privileged: try f.opt("privileged", as: FlexibleBool.self)?.value, workingDir: try f.opt("working_dir"))
        environment = try f.optionalMap("environment")
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.c.encode(command, forKey: AnyCodingKey("command"))
        try w.put("user", user)
        try w.put("privileged", privileged)
        try w.put("working_dir", workingDir)
        try w.put("environment", environment)
    }
}

extension ServiceProvider: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(type: try f.req("type"))
        options = try f.opt("options", as: DecodedMap<StringOrList>.self)?.values.mapValues(\.values) ?? [:]
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("type", type)
        try w.put("options", options)
    }
}

extension ServiceModel: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(endpointVar: try f.opt("endpoint_var"), modelVar: try f.opt("model_var"))
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("endpoint_var", endpointVar)
        try w.put("model_var", modelVar)
    }
}

/// Service `models:`: a list of names or a map of name → options.
struct ServiceModels: Decodable {
    var values: OrderedDictionary<String, ServiceModel> = [:]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .sequence {
            for name in try [String](from: decoder) { values[name] = ServiceModel() }
        } else {
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            for key in c.allKeys {
                values[key.stringValue] = try c.decodeIfPresent(ServiceModel.self, forKey: key) ?? ServiceModel()
            }
        }
    }
}

extension ServiceFileReference: Codable {
    public init(from decoder: any Decoder) throws {
        if decoder.shape != .mapping {
            self.init(source: try decoder.scalarString())
            return
        }
        let f = try FieldReader(decoder)
        self.init(source: try f.req("source"), target: try f.opt("target"), uid: try f.opt("uid"), gid: try f.opt("gid"),
                  mode: try f.opt("mode", as: FileMode.self)?.value)
        extensions = try f.extensions()
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("source", source)
        try w.put("target", target)
        try w.put("uid", uid)
        try w.put("gid", gid)
        try w.put("mode", mode)
        try w.extensions(extensions)
    }
}

/// `extra_hosts`: `["host:ip", "host=ip"]` or `{host: ip}` / `{host: [ip, ip]}`, in file order.
struct ExtraHosts: Decodable {
    var values: OrderedDictionary<String, [String]> = [:]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .sequence {
            for entry in try [String](from: decoder) {
                let sep = entry.firstIndex(of: "=") ?? entry.firstIndex(of: ":")
                guard let sep, sep != entry.startIndex else {
                    throw ValueError("invalid extra_hosts entry \"\(entry)\"", hint: "write host=ip or host:ip")
                }
                let host = String(entry[..<sep])
                for ip in entry[entry.index(after: sep)...].split(separator: ",") {
                    values[host, default: []].append(Self.clean(String(ip)))
                }
            }
        } else {
            for (host, ips) in try DecodedMap<StringOrList>(from: decoder).values {
                for ip in ips.values { values[host, default: []].append(Self.clean(ip)) }
            }
        }
    }
    /// "[::1]" → "::1".
    static func clean(_ ip: String) -> String {
        let t = ip.trimmingWhitespace()
        if t.hasPrefix("["), t.hasSuffix("]") { return String(t.dropFirst().dropLast()) }
        return t
    }
    static func encoded(_ hosts: OrderedDictionary<String, [String]>) -> [String] {
        hosts.flatMap { host, ips in ips.map { "\(host)=\($0)" } }
    }
}

/// `ulimits`: name → number or {soft, hard}.
typealias Ulimits = DecodedMap<Ulimit>
