/// Parses the short port syntax `[[host_ip:]published:]target[/protocol]` where `published` and
/// `target` may be ranges. A range expands to one `ServicePort` per container port, as compose-go does.
public enum PortParser {
    public static func parse(_ spec: String) throws(ValueError) -> [ServicePort] {
        var rest = Substring(spec.trimmingWhitespace())
        var proto = "tcp"
        if let slash = rest.lastIndex(ofASCII: UInt8(ascii: "/")) {
            let p = rest[rest.index(after: slash)...].lowercased()
            rest = rest[..<slash]
            if !p.isEmpty { proto = p }
            guard ["tcp", "udp", "sctp"].contains(proto) else {
                throw ValueError("invalid protocol \"\(p)\" in port \"\(spec)\"", hint: "use tcp, udp or sctp")
            }
        }
        let parts = rest.fields(separatedByASCII: UInt8(ascii: ":")).map(String.init)
        let containerPart = parts.last ?? ""
        var hostPart = "", ipPart = ""
        switch parts.count {
        case 1: break
        case 2: hostPart = parts[0]
        case 3: ipPart = parts[0]; hostPart = parts[1]
        default:
            ipPart = parts[0..<(parts.count - 2)].joined(separator: ":")
            hostPart = parts[parts.count - 2]
        }
        if ipPart.hasPrefix("[") && ipPart.hasSuffix("]") { ipPart = String(ipPart.dropFirst().dropLast()) }
        if !ipPart.isEmpty && !isIPAddress(ipPart) {
            throw ValueError("invalid IP address \"\(ipPart)\" in port \"\(spec)\"", hint: "write [host_ip:]published:target, IPv6 addresses in brackets")
        }
        guard !containerPart.isEmpty else {
            throw ValueError("invalid port \"\(spec)\": no container port", hint: "write [host_ip:]published:target, e.g. 8080:80")
        }
        let (cStart, cEnd) = try range(containerPart, in: spec, allowZero: false)
        var hStart = 0, hEnd = 0
        if !hostPart.isEmpty {
            (hStart, hEnd) = try range(hostPart, in: spec, allowZero: true)
            if hEnd - hStart != cEnd - cStart && cEnd != cStart {
                throw ValueError("invalid port \"\(spec)\": the ranges \(hostPart) and \(containerPart) have different sizes",
                                 hint: "give the published and target ranges the same length")
            }
        }
        var ports: [ServicePort] = []
        for i in 0...(cEnd - cStart) {
            var published: String?
            if !hostPart.isEmpty {
                if cEnd == cStart && hEnd != hStart {
                    published = "\(hStart)-\(hEnd)"
                } else {
                    published = String(hStart + i)
                }
            }
            ports.append(ServicePort(target: cStart + i, published: published,
                                     hostIP: ipPart.isEmpty ? nil : ipPart, protocol: proto, mode: "ingress"))
        }
        return ports
    }

    /// Parses "80" or "8000-8005" into an inclusive range.
    public static func range(_ text: String, in spec: String, allowZero: Bool) throws(ValueError) -> (Int, Int) {
        let bounds = text.fields(separatedByASCII: UInt8(ascii: "-"))
        guard bounds.count <= 2 else {
            throw ValueError("invalid port range \"\(text)\" in \"\(spec)\"", hint: "write a range as start-end, e.g. 8000-8005")
        }
        let start = try number(String(bounds[0]), in: spec, allowZero: allowZero)
        let end = bounds.count == 2 ? try number(String(bounds[1]), in: spec, allowZero: allowZero) : start
        guard end >= start else {
            throw ValueError("invalid port range \"\(text)\" in \"\(spec)\": the end is before the start", hint: "write the range as low-high")
        }
        return (start, end)
    }

    public static func number(_ text: String, in spec: String, allowZero: Bool = false) throws(ValueError) -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw ValueError("invalid port \"\(spec)\": \"\(text)\" is not a number", hint: "write [host_ip:]published:target[/protocol], e.g. 127.0.0.1:8080:80/tcp")
        }
        guard let n = Int(text), n <= 65535, n >= (allowZero ? 0 : 1) else {
            throw ValueError("invalid port \"\(text)\": port numbers must be 1-65535")
        }
        return n
    }

    static func isIPAddress(_ s: String) -> Bool {
        let v4 = s.split(separator: ".", omittingEmptySubsequences: false)
        if v4.count == 4 && v4.allSatisfy({ p in !p.isEmpty && p.count <= 3 && p.allSatisfy { $0.isASCIIDigit } && (Int(p) ?? 256) <= 255 }) {
            return true
        }
        // IPv6: hex groups and colons, optionally ending with an IPv4 part; at most one "::".
        guard s.contains(":"), s.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
        return s.components(separatedBy: "::").count <= 2
    }
}

extension String {
    func components(separatedBy separator: String) -> [Substring] {
        var out: [Substring] = []
        var rest = self[...]
        while let r = rest.firstRange(of: separator) {
            out.append(rest[..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        out.append(rest)
        return out
    }
}
