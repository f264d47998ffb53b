import Foundation

/// A JSON value written with keys in the given order, as Go's encoder writes structs
/// (declaration order) and maps (sorted): Compose's JSON output depends on that order.
enum JSONOutput: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    /// An object from a map, keys sorted as Go sorts map keys.
    static func sorted(_ map: [String: String]) -> JSONOutput {
        .object(map.keys.sorted().map { ($0, .string(map[$0]!)) })
    }

    /// Compact text, no HTML escaping (docker/cli and Compose turn it off).
    var text: String {
        switch self {
        case .string(let s): return Self.quote(s)
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let fields): return "{" + fields.map { Self.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func == (a: JSONOutput, b: JSONOutput) -> Bool { a.text == b.text }
}
