extension ServicePort: Codable {
    /// The long form, or a short form that names exactly one port (a `ports:` entry may expand to several).
    public init(from decoder: any Decoder) throws {
        if decoder.shape != .mapping {
            let ports = try PortParser.parse(decoder.scalarString())
            guard ports.count == 1, let port = ports.first else {
                throw ValueError("a port range is not allowed here", hint: "give a single port")
            }
            self = port
            return
        }
        let f = try FieldReader(decoder)
        let targetText = try f.req("target", as: ScalarText.self).value
        let target = try PortParser.number(targetText, in: targetText)
        var published = try f.opt("published", as: ScalarText.self)?.value
        if let p = published {
            if p.isEmpty {
                published = nil
            } else {
                _ = try PortParser.range(p, in: p, allowZero: true)
            }
        }
        self.init(name: try f.opt("name"), target: target, published: published,
                  hostIP: try f.opt("host_ip"), protocol: try f.opt("protocol") ?? "tcp",
                  appProtocol: try f.opt("app_protocol"), mode: try f.opt("mode") ?? "ingress")
        if let p = `protocol`, !["tcp", "udp", "sctp"].contains(p.lowercased()) {
            throw ValueError("invalid port protocol \"\(p)\"", hint: "use tcp, udp or sctp")
        }
        if let mode, mode != "ingress", mode != "host" {
            throw ValueError("invalid port mode \"\(mode)\"", hint: "use ingress or host")
        }
        for (k, v) in try f.extensions() { extensions[k] = v }
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("name", name)
        try w.put("mode", mode)
        try w.put("host_ip", hostIP)
        try w.put("target", target)
        try w.put("published", published)
        try w.put("protocol", `protocol`)
        try w.put("app_protocol", appProtocol)
        for k in extensions.keys.sorted() { try w.put(k, extensions[k]) }
    }
}

/// One entry of `ports:`: a short-syntax string may stand for several ports.
struct PortEntry: Decodable {
    var ports: [ServicePort]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .mapping {
            ports = [try ServicePort(from: decoder)]
        } else {
            ports = try PortParser.parse(decoder.scalarString())
        }
    }
}
