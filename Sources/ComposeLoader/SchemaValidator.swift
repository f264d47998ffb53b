import Foundation
public import YAML
import ComposeModel

/// Checks a Compose document against the Compose JSON schema, directly on the `YAMLNode` tree so
/// every error points at the line of the offending key or value.
///
/// It implements the JSON-Schema subset `compose-spec.json` uses. Scalars are typed leniently, as
/// Compose casts interpolated strings: `"8080"` is an integer and `"true"` a boolean.
public struct SchemaValidator: Sendable {
    /// Accept `${VAR}` where a number, boolean or enum value is expected (a file not yet interpolated).
    public var allowVariables = false

    public init(allowVariables: Bool = false) {
        self.allowVariables = allowVariables
    }

    /// Throws the first schema violation found, with its position and key path.
    public func validate(_ root: YAMLNode) throws(ComposeError) {
        let schema = try SchemaRoot.compose.get()
        var ctx = Context(root: schema, allowVariables: allowVariables)
        var path: [PathItem] = []
        path.reserveCapacity(16)
        if let failure = ctx.check(root, schema.top, path: &path) {
            throw ComposeError.schema(failure.message, at: failure.mark, path: Self.format(failure.path), hint: failure.hint)
        }
    }

    static func format(_ path: [PathItem]) -> String {
        var s = ""
        for item in path {
            switch item {
            case .key(let k):
                if !s.isEmpty { s += "." }
                s += k
            case .index(let i):
                s += "[\(i)]"
            }
        }
        return s
    }
}

enum PathItem: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// One schema violation; the caller turns it into a `ComposeError`.
struct SchemaFailure {
    var message: String
    var mark: Mark
    var path: [PathItem]
    var hint: String?
    /// Whether the node's kind matched the failing schema's type; oneOf reports the branch that did.
    var kindMatched: Bool
}

extension SchemaValidator {
    struct Context {
        let root: SchemaRoot
        let allowVariables: Bool

        /// `path` is the key path of `node`, a stack shared by the whole walk (restored on return).
        mutating func check(_ node: YAMLNode, _ schema: SchemaNode, path: inout [PathItem]) -> SchemaFailure? {
            let schema = deref(schema)  // a definition may itself be a $ref
            if let types = schema.types, let set = schema.typeSet, !typeMatches(node, set) {
                return SchemaFailure(message: "must be \(Self.describe(types))", mark: node.mark, path: path,
                                     hint: nil, kindMatched: false)
            }
            if let values = schema.enumValues {
                if let v = scalarForCompare(node), values.contains(v) || isVariable(node) {
                    // ok
                } else {
                    let list = values.map { "\"\($0)\"" }.joined(separator: ", ")
                    let got = node.scalarValue.map { " (got \"\($0)\")" } ?? ""
                    return SchemaFailure(message: "must be one of \(list)\(got)", mark: node.mark, path: path,
                                         hint: nil, kindMatched: true)
                }
            }
            if let c = schema.constValue {
                if scalarForCompare(node) != c && !isVariable(node) {
                    return SchemaFailure(message: "must be \"\(c)\"", mark: node.mark, path: path, hint: nil, kindMatched: true)
                }
            }
            if case .scalar(let v, _) = node.kind, !node.isNull {
                if let p = schema.pattern, !isVariable(node), !p.matches(v) {
                    return SchemaFailure(message: "\"\(v)\" does not match pattern \(p.source)", mark: node.mark,
                                         path: path, hint: nil, kindMatched: true)
                }
                if schema.minimum != nil || schema.maximum != nil, let d = Double(v) {
                    if let min = schema.minimum, d < min {
                        return SchemaFailure(message: "must be >= \(Self.num(min))", mark: node.mark, path: path, hint: nil, kindMatched: true)
                    }
                    if let max = schema.maximum, d > max {
                        return SchemaFailure(message: "must be <= \(Self.num(max))", mark: node.mark, path: path, hint: nil, kindMatched: true)
                    }
                }
            }
            switch node.kind {
            case .mapping(let entries):
                if let f = checkObject(node, entries, schema, path: &path) { return f }
            case .sequence(let items):
                if let itemSchema = schema.items {
                    for (i, item) in items.enumerated() {
                        path.append(.index(i))
                        let f = check(item, itemSchema, path: &path)
                        path.removeLast()
                        if let f { return f }
                    }
                }
                if schema.uniqueItems && items.count > 1, let i = NodeKey.firstRepeat(in: items) {
                    return SchemaFailure(message: "contains a duplicate item", mark: items[i].mark,
                                         path: path + [.index(i)], hint: "remove the repeated entry", kindMatched: true)
                }
            case .scalar:
                break
            }
            for sub in schema.allOf {
                if let f = check(node, sub, path: &path) { return f }
            }
            if !schema.anyOf.isEmpty, let f = checkAlternatives(node, schema.anyOf, path: &path) { return f }
            // oneOf is checked as anyOf: lenient scalar typing makes "8080" both a string and a number.
            if !schema.oneOf.isEmpty, let f = checkAlternatives(node, schema.oneOf, path: &path) { return f }
            return nil
        }

        private mutating func checkObject(_ node: YAMLNode, _ entries: [YAMLNode.Entry], _ schema: SchemaNode,
                                          path: inout [PathItem]) -> SchemaFailure? {
            if path.count == 1 && entries.count >= Parallel.threshold {
                // A top-level section as big as a 1000-service project: its entries on every core.
                // Each chunk reports its first failure; the earliest chunk's is the sequential answer.
                let context = self, base = path
                let failures = Parallel.map(entries) { entry in
                    var ctx = context
                    var path = base
                    return ctx.checkEntry(entry, schema, path: &path)
                }
                if let f = failures.first(where: { $0 != nil }) { return f }
            } else {
                // By index: `for entry in entries` copied every entry (a retain and release of each node).
                for i in entries.indices {
                    if let f = checkEntry(entries[i], schema, path: &path) { return f }
                }
            }
            for name in schema.required where !entries.contains(where: { $0.key.scalarValue == name }) {
                return SchemaFailure(message: "property \"\(name)\" is required", mark: node.mark, path: path,
                                     hint: nil, kindMatched: true)
            }
            return nil
        }

        private mutating func checkEntry(_ entry: YAMLNode.Entry, _ schema: SchemaNode, path: inout [PathItem]) -> SchemaFailure? {
            guard let key = entry.key.scalarValue else {
                return SchemaFailure(message: "keys must be strings", mark: entry.key.mark, path: path,
                                     hint: nil, kindMatched: true)
            }
            path.append(.key(key))
            defer { path.removeLast() }
            var matched = false
            if let p = schema.properties[key] {
                matched = true
                if let f = check(entry.value, p, path: &path) { return f }
            }
            for (pattern, p) in schema.patternProperties where pattern.matches(key) {
                matched = true
                if let f = check(entry.value, p, path: &path) { return f }
            }
            if !matched {
                switch schema.additional {
                case .allowed:
                    break
                case .forbidden:
                    return SchemaFailure(message: "additional property \"\(key)\" is not allowed", mark: entry.key.mark,
                                         path: Array(path.dropLast()), hint: Self.suggestion(for: key, among: schema.properties.keys),
                                         kindMatched: true)
                case .schema(let p):
                    if let f = check(entry.value, p, path: &path) { return f }
                }
            }
            return nil
        }

        private mutating func checkAlternatives(_ node: YAMLNode, _ options: [SchemaNode], path: inout [PathItem]) -> SchemaFailure? {
            var failures: [SchemaFailure] = []
            for option in options {
                // Skip branches whose type cannot fit, without building their error.
                if let t = deref(option).typeSet, !typeMatches(node, t) { continue }
                guard let f = check(node, option, path: &path) else { return nil }
                failures.append(f)
            }
            // Report the branch that got furthest: one whose type fit the node, deepest path first.
            if let best = failures.filter(\.kindMatched).max(by: { $0.path.count < $1.path.count }) ?? failures.first {
                return best
            }
            var types: [String] = []
            for option in options {
                for t in resolvedTypes(option) where !types.contains(t) { types.append(t) }
            }
            let message = types.isEmpty ? "is invalid" : "must be \(Self.describe(types))"
            return SchemaFailure(message: message, mark: node.mark, path: path, hint: nil, kindMatched: false)
        }

        private func deref(_ schema: SchemaNode) -> SchemaNode {
            schema.resolved ?? schema
        }

        private func resolvedTypes(_ schema: SchemaNode) -> [String] {
            let s = deref(schema)
            if let t = s.types { return t }
            var out: [String] = []
            for o in s.oneOf + s.anyOf { out += resolvedTypes(o) }
            return out
        }

        private func isVariable(_ node: YAMLNode) -> Bool {
            allowVariables && (node.scalarValue?.contains("$") ?? false)
        }

        private func typeMatches(_ node: YAMLNode, _ types: SchemaNode.TypeSet) -> Bool {
            switch node.kind {
            case .mapping: return types.contains(.object)
            case .sequence: return types.contains(.array)
            case .scalar(let v, _):
                if types.contains(.null) && node.isNull { return true }
                if types.contains(.string) && !node.isNull { return true }
                if types.contains(.boolean) && (Self.isBool(v) || isVariable(node)) { return true }
                if types.contains(.integer) && (Int(v) != nil || isVariable(node)) { return true }
                if types.contains(.number) && ((!v.isEmpty && Double(v) != nil) || isVariable(node)) { return true }
                return false
            }
        }

        private func scalarForCompare(_ node: YAMLNode) -> String? {
            guard case .scalar(let v, _) = node.kind else { return nil }
            return node.isNull ? "null" : v
        }

        static func isBool(_ v: String) -> Bool {
            switch v.lowercased() {
            case "true", "false", "yes", "no", "on", "off", "y", "n": return true
            default: return false
            }
        }

        static func describe(_ types: [String]) -> String {
            let names = types.map { t -> String in
                switch t {
                case "object": return "a mapping"
                case "array": return "a list"
                case "integer": return "an integer"
                case "null": return "null"
                default: return "a \(t)"
                }
            }
            if names.count <= 1 { return names.first ?? "valid" }
            return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        }

        static func num(_ d: Double) -> String {
            d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        }

        /// "did you mean image?" for a key within edit distance 2 of a known property.
        static func suggestion(for key: String, among names: Dictionary<String, SchemaNode>.Keys) -> String? {
            var best: (String, Int)?
            for name in names {
                let d = editDistance(key, name)
                guard d <= max(1, min(2, name.count / 3)) else { continue }
                if let b = best, b.1 <= d { continue }
                best = (name, d)
            }
            return best.map { "did you mean \($0.0)?" }
        }

        static func editDistance(_ a: String, _ b: String) -> Int {
            let a = Array(a.utf8), b = Array(b.utf8)
            if a.isEmpty { return b.count }
            if b.isEmpty { return a.count }
            var prev = Array(0...b.count)
            var cur = [Int](repeating: 0, count: b.count + 1)
            for i in 1...a.count {
                cur[0] = i
                for j in 1...b.count {
                    cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                swap(&prev, &cur)
            }
            return prev[b.count]
        }
    }
}

/// A canonical text for a node, for uniqueness and equality checks.
enum NodeKey {
    /// The index of the first item equal to an earlier one. A few scalars (most lists) are compared
    /// in pairs; anything else by its key.
    static func firstRepeat(in items: [YAMLNode]) -> Int? {
        if items.count <= 16, items.allSatisfy({ if case .scalar = $0.kind { true } else { false } }) {
            for i in 1..<items.count {
                for j in 0..<i where sameScalar(items[i], items[j]) { return i }
            }
            return nil
        }
        var seen = Set<String>()
        for (i, item) in items.enumerated() where !seen.insert(of(item)).inserted { return i }
        return nil
    }

    /// What equal keys mean for two scalars: both null, or the same text (whatever the quoting).
    private static func sameScalar(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        let (aNull, bNull) = (a.isNull, b.isNull)
        if aNull || bNull { return aNull && bNull }
        return a.scalarValue == b.scalarValue
    }

    static func of(_ node: YAMLNode) -> String {
        var s = ""
        write(node, into: &s)
        return s
    }

    private static func write(_ node: YAMLNode, into s: inout String) {
        switch node.kind {
        case .scalar(let v, _):
            if node.isNull { s += "~"; return }
            // Quotes doubled by hand: Foundation's replacingOccurrences is slow for one key per item.
            s += "'"
            if v.utf8.contains(UInt8(ascii: "'")) {
                for c in v.unicodeScalars {
                    if c == "'" { s += "''" } else { s.unicodeScalars.append(c) }
                }
            } else {
                s += v
            }
            s += "'"
        case .sequence(let items):
            s += "["
            for i in items { write(i, into: &s); s += "," }
            s += "]"
        case .mapping(let entries):
            s += "{"
            for e in entries { write(e.key, into: &s); s += ":"; write(e.value, into: &s); s += "," }
            s += "}"
        }
    }
}
