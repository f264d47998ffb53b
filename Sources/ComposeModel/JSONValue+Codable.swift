import OrderedCollections

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        switch decoder.shape {
        case .null:
            self = .null
        case .mapping:
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            var object: OrderedDictionary<String, JSONValue> = [:]
            for key in c.allKeys { object[key.stringValue] = try c.decode(JSONValue.self, forKey: key) }
            self = .object(object)
        case .sequence:
            var c = try decoder.unkeyedContainer()
            var array: [JSONValue] = []
            while !c.isAtEnd { array.append(try c.decode(JSONValue.self)) }
            self = .array(array)
        case .scalar:
            let c = try decoder.singleValueContainer()
            // A decoder that knows scalar styles (YAMLNodeDecoder) builds JSONValue itself;
            // others get the natural JSON reading.
            if let s = try? c.decode(String.self) {
                self = .string(s)
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else {
                self = .number(try c.decode(Double.self))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .number(let n):
            var c = encoder.singleValueContainer()
            if n.rounded() == n, abs(n) < 9.0e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let a):
            var c = encoder.unkeyedContainer()
            for v in a { try c.encode(v) }
        case .object(let o):
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            for (k, v) in o { try c.encode(v, forKey: AnyCodingKey(k)) }
        }
    }
}

extension JSONValue {
    /// Keys of every object sorted, recursively: a canonical form for hashing.
    public var sortedKeys: JSONValue {
        switch self {
        case .array(let a): return .array(a.map(\.sortedKeys))
        case .object(let o):
            var out: OrderedDictionary<String, JSONValue> = [:]
            for k in o.keys.sorted() { out[k] = o[k]?.sortedKeys }
            return .object(out)
        default: return self
        }
    }

    /// Compact JSON text.
    public var jsonText: String {
        var out = ""
        write(to: &out, indent: nil, level: 0)
        return out
    }

    /// Indented JSON text (2 spaces), as `docker compose config --format json` prints.
    public var prettyJSONText: String {
        var out = ""
        write(to: &out, indent: "  ", level: 0)
        return out
    }

    private func write(to out: inout String, indent: String?, level: Int) {
        func newline(_ level: Int) {
            guard let indent else { return }
            out += "\n" + String(repeating: indent, count: level)
        }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += JSONValue.formatNumber(n)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                v.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (k, v)) in o.enumerated() {
                if i > 0 { out += "," }
                newline(level + 1)
                JSONValue.writeString(k, to: &out)
                out += indent == nil ? ":" : ": "
                v.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out += "}"
        }
    }

    public static func formatNumber(_ n: Double) -> String {
        if n.rounded() == n, abs(n) < 9.0e15 { return String(Int64(n)) }
        if !n.isFinite { return "null" }
        return String(n)
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
