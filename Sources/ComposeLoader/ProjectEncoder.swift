import Foundation
public import YAML
public import ComposeModel

/// The canonical form of a project, as `docker compose config` prints it: long syntax everywhere,
/// durations as Go strings, sizes as numbers. Decoding its output gives back an equal `Project`.
public enum ProjectEncoder {
    public static func value(_ p: Project) throws -> JSONValue {
        try JSONValueEncoder().encode(p)
    }

    public static func node(_ p: Project) -> YAMLNode {
        // The model's encoders throw only on encoder misuse; an empty mapping is the safe fallback.
        node((try? value(p)) ?? .object([:]))
    }

    public static func yaml(_ p: Project) throws -> String {
        // Written straight from the value, by the block writer where it can and else as libyaml
        // events: the same text as `YAMLEmitter().emit(node(p))` without building the intermediate tree.
        let value = (try? value(p)) ?? .object([:])
        StageClock.mark("encode: value")
        defer { StageClock.mark("encode: text") }
        return try blockYAML(value) ?? yamlInPieces(value) ?? yamlText(value)
    }

    /// The text written without libyaml when every scalar allows it (`BlockYAMLWriter`); a big
    /// project's services on every core, each share written on its own.
    static func blockYAML(_ value: JSONValue) -> String? {
        guard case .object(let top) = value, !top.isEmpty else { return nil }
        var w = BlockYAMLWriter()
        guard let at = top.index(forKey: "services"), case .object(let services) = top.values[at],
              services.count >= Parallel.threshold, Parallel.width > 1 else {
            return w.mapping(top.elements, indent: 0) ? String(decoding: w.out, as: UTF8.self) : nil
        }
        let count = Parallel.width
        let shares: [[UInt8]?] = Parallel.map(Array(0..<count), minimumPerThread: 1) { i in
            var share = BlockYAMLWriter()
            let part = services.elements[(services.count * i / count)..<(services.count * (i + 1) / count)]
            return share.mapping(part, indent: 2) ? share.out : nil
        }
        guard w.mapping(top.elements[..<at], indent: 0) else { return nil }
        var out = w.out
        out += "services:\n".utf8
        for share in shares {
            guard let share else { return nil }
            out += share
        }
        var tail = BlockYAMLWriter()
        guard tail.mapping(top.elements[(at + 1)...], indent: 0) else { return nil }
        out += tail.out
        return String(decoding: out, as: UTF8.self)
    }

    /// One writer for the whole value.
    static func yamlText(_ value: JSONValue) throws -> String {
        let writer = YAMLWriter()
        write(value, to: writer)
        return try writer.finish(errorAt: emptyMark)
    }

    /// A big project's services written on every core: each share of them as a document of its own,
    /// under a `services:` key as in the whole document, that line then cut off. Lines never fold
    /// (width -1), so the text is exactly what one writer gives.
    static func yamlInPieces(_ value: JSONValue) throws -> String? {
        guard case .object(var top) = value, case .object(let services)? = top["services"],
              services.count >= Parallel.threshold, Parallel.width > 1 else { return nil }
        top["services"] = .object([:])
        let writer = YAMLWriter()
        write(.object(top), to: writer)
        let rest = try writer.finish(errorAt: emptyMark)
        let marker = "services: {}\n"
        guard let at = rest.hasPrefix(marker) ? rest.startIndex : rest.range(of: "\n" + marker).map({ rest.index(after: $0.lowerBound) })
        else { return nil }

        let entries = Array(services)
        let count = Parallel.width
        let shares: [Result<[UInt8], YAMLError>] = Parallel.map(Array(0..<count), minimumPerThread: 1) { i in
            let w = YAMLWriter()
            w.beginMapping(empty: false)
            w.scalar("services", style: .plain)
            w.beginMapping(empty: false)
            let low = entries.count * i / count
            let high = entries.count * (i + 1) / count
            for (k, v) in entries[low..<high] {
                w.scalar(k, style: style(of: k))
                write(v, to: w)
            }
            w.endMapping()
            w.endMapping()
            do throws(YAMLError) {
                return .success(Array(try w.finish(errorAt: emptyMark).utf8.dropFirst("services:\n".utf8.count)))
            } catch {
                return .failure(error)
            }
        }
        var out: [UInt8] = []
        var size = rest.utf8.count
        for share in shares { size += (try? share.get().count) ?? 0 }
        out.reserveCapacity(size)
        out += rest[..<at].utf8
        out += "services:\n".utf8
        for share in shares { out += try share.get() }
        out += rest[rest.index(at, offsetBy: marker.count)...].utf8
        return String(decoding: out, as: UTF8.self)
    }

    /// The events of `node(v)`.
    private static func write(_ v: JSONValue, to w: YAMLWriter) {
        switch v {
        case .null: w.scalar("null", style: .plain)
        case .bool(let b): w.scalar(b ? "true" : "false", style: .plain)
        case .number(let n): w.scalar(JSONValue.formatNumber(n), style: .plain)
        case .string(let s): w.scalar(s, style: style(of: s))
        case .array(let a):
            w.beginSequence()
            for item in a { write(item, to: w) }
            w.endSequence()
        case .object(let o):
            w.beginMapping(empty: o.isEmpty)
            for (k, item) in o {
                w.scalar(k, style: style(of: k))
                write(item, to: w)
            }
            w.endMapping()
        }
    }

    static func style(of s: String) -> ScalarStyle {
        // Multi-line text (dockerfile_inline, content) reads best as a literal block;
        // libyaml falls back to quoting where a block is not allowed.
        // memchr, not Foundation's substring search: this runs for every string.
        if s.containsByte(UInt8(ascii: "\n")) { return .literal }
        return needsQuotes(s) ? .doubleQuoted : .plain
    }

    /// Indented JSON, keys in canonical order.
    public static func json(_ p: Project) throws -> String {
        try value(p).prettyJSONText
    }

    /// Compact JSON of one service with sorted keys: stable input for a configuration hash.
    public static func serviceJSON(_ s: Service) throws -> String {
        try JSONValueEncoder().encode(s).sortedKeys.jsonText
    }

    /// A YAML tree for a free-form value; strings that would read as another type are quoted.
    public static func node(_ v: JSONValue) -> YAMLNode {
        switch v {
        case .null: return .null()
        case .bool(let b): return .plain(b ? "true" : "false")
        case .number(let n): return .plain(JSONValue.formatNumber(n))
        case .string(let s): return YAMLNode(.scalar(s, style(of: s)), mark: emptyMark)
        case .array(let a): return YAMLNode(.sequence(a.map(node)), mark: emptyMark)
        case .object(let o):
            return YAMLNode(.mapping(o.map { YAMLNode.Entry(key: node(.string($0.key)), value: node($0.value)) }), mark: emptyMark)
        }
    }

    /// A string a YAML reader would take for a number, boolean or null. Unlike the resolver's
    /// rough check, "." or "-" alone stay plain: without a digit or letter they are strings.
    static func needsQuotes(_ s: String) -> Bool {
        if let ascii = s.utf8.withContiguousStorageIfAvailable(needsQuotes(ascii:)), let answer = ascii { return answer }
        guard YAMLNode.resolvesToNonString(s) else { return false }
        return s.isEmpty || s.contains { $0.isNumber || $0.isLetter }
    }

    /// `needsQuotes` of a text's UTF-8 bytes; nil when they leave it to the Character path.
    static func needsQuotes(ascii b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let special = YAMLNode.resolvesToNonString(ascii: b) else { return nil }
        // A special form is ASCII throughout (the resolver said nil otherwise).
        guard special else { return false }
        return b.isEmpty || b.contains { c in
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
        }
    }

    private static let emptyMark = Mark(file: "", line: 0, column: 0)
}
