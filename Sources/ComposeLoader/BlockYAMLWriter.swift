import ComposeModel
import OrderedCollections
import YAML

/// Writes a value as the block YAML that libyaml's emitter gives for `ProjectEncoder`'s events
/// (indent 2, lines never folded), byte for byte, without the emitter: it was most of the time of
/// `config`'s output. It answers nil for any scalar whose form is libyaml's own judgment (line
/// breaks, quotes to escape, non-ASCII, indicators, long keys); the caller then uses the emitter.
struct BlockYAMLWriter {
    private(set) var out: [UInt8] = []

    /// Entries of a non-empty mapping at `indent`; with `inline` the first key follows a `- `.
    mutating func mapping(_ o: some Sequence<(key: String, value: JSONValue)>, indent: Int, inline: Bool = false) -> Bool {
        for (i, (k, v)) in o.enumerated() {
            if i > 0 || !inline { pad(indent) }
            // libyaml writes a key over 128 bytes as a complex key (`? key`).
            guard k.utf8.count <= 128, scalar(k) else { return false }
            out.append(UInt8(ascii: ":"))
            switch v {
            case .object(let inner) where !inner.isEmpty:
                out.append(UInt8(ascii: "\n"))
                guard mapping(inner.elements, indent: indent + 2) else { return false }
            case .array(let items) where !items.isEmpty:
                // A sequence in a mapping is not indented further.
                out.append(UInt8(ascii: "\n"))
                guard sequence(items, indent: indent) else { return false }
            default:
                guard leaf(v) else { return false }
            }
        }
        return true
    }

    /// Items of a non-empty sequence at `indent`; with `inline` the first item follows a `- `.
    mutating func sequence(_ items: [JSONValue], indent: Int, inline: Bool = false) -> Bool {
        for (i, v) in items.enumerated() {
            if i > 0 || !inline { pad(indent) }
            out.append(UInt8(ascii: "-"))
            switch v {
            case .object(let inner) where !inner.isEmpty:
                out.append(UInt8(ascii: " "))
                guard mapping(inner.elements, indent: indent + 2, inline: true) else { return false }
            case .array(let inner) where !inner.isEmpty:
                out.append(UInt8(ascii: " "))
                guard sequence(inner, indent: indent + 2, inline: true) else { return false }
            default:
                guard leaf(v) else { return false }
            }
        }
        return true
    }

    /// ` value` and the line break, after a `:` or `-`: a scalar, `{}` or `[]`.
    private mutating func leaf(_ v: JSONValue) -> Bool {
        out.append(UInt8(ascii: " "))
        switch v {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .number(let n):
            let text = JSONValue.formatNumber(n)
            guard Self.isPlain(text) else { return false }
            out += text.utf8
        case .string(let s): guard scalar(s) else { return false }
        case .object: out += "{}".utf8
        case .array: out += "[]".utf8
        }
        out.append(UInt8(ascii: "\n"))
        return true
    }

    /// A string in the style `ProjectEncoder.style(of:)` asks for, when libyaml would write it as it
    /// is. Read as bytes once: this runs for every key and value of the output.
    private mutating func scalar(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            // Printable ASCII only: line breaks (a literal block), escapes and other text go to libyaml.
            for c in b where c < 0x20 || c > 0x7E { return false }
            guard let quoted = ProjectEncoder.needsQuotes(ascii: b) else { return false }
            if quoted {
                guard !b.contains(UInt8(ascii: "\"")), !b.contains(UInt8(ascii: "\\")) else { return false }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: b)
                out.append(UInt8(ascii: "\""))
            } else {
                guard Self.isPlain(b) else { return false }
                out.append(contentsOf: b)
            }
            return true
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 128)

    private mutating func pad(_ indent: Int) {
        if indent <= Self.spaces.count {
            out.append(contentsOf: Self.spaces[..<indent])
        } else {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        }
    }

    /// Whether libyaml's analysis allows `s` as a plain scalar in block context: printable ASCII,
    /// no space at either end, no document marker, and no indicator where it would mean one.
    static func isPlain(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable(isPlain) ?? Array(s.utf8).withUnsafeBufferPointer(isPlain)
    }

    static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n > 0, b[0] != UInt8(ascii: " "), b[n - 1] != UInt8(ascii: " ") else { return false }
        if n >= 3 && b[0] == b[1] && b[1] == b[2] && (b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: ".")) { return false }
        func followedByBlank(_ i: Int) -> Bool { i + 1 == n || b[i + 1] == UInt8(ascii: " ") }
        switch b[0] {
        case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return false
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
            if followedByBlank(0) { return false }
        default:
            break
        }
        for i in 0..<n {
            let c = b[i]
            guard c >= 0x20 && c <= 0x7E else { return false }
            if c == UInt8(ascii: ":") && i > 0 && followedByBlank(i) { return false }
            if c == UInt8(ascii: "#") && i > 0 && b[i - 1] == UInt8(ascii: " ") { return false }
        }
        return true
    }
}
