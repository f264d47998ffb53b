import Foundation

/// A compiled JSON schema node: only the keywords the validator understands.
final class SchemaNode: @unchecked Sendable {
    enum Additional {
        case allowed, forbidden
        case schema(SchemaNode)
    }

    // Immutable after `SchemaRoot.compile`; @unchecked because NSRegularExpression is not Sendable.
    // `@exclusivity(unchecked)` for the same reason: the validator reads them for every node.
    var ref: String?
    /// What `ref` points to after following every hop, set once at compile time so checks never hash a ref.
    @exclusivity(unchecked) var resolved: SchemaNode?
    var types: [String]? {
        didSet { typeSet = types.map(TypeSet.init) }
    }
    /// `types` as bits, so a check compares no strings.
    @exclusivity(unchecked) private(set) var typeSet: TypeSet?

    struct TypeSet: OptionSet {
        let rawValue: UInt8
        static let object = TypeSet(rawValue: 1), array = TypeSet(rawValue: 2), null = TypeSet(rawValue: 4)
        static let string = TypeSet(rawValue: 8), boolean = TypeSet(rawValue: 16), integer = TypeSet(rawValue: 32)
        static let number = TypeSet(rawValue: 64)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init(_ names: [String]) {
            var set: TypeSet = []
            for n in names {
                switch n {
                case "object": set.insert(.object)
                case "array": set.insert(.array)
                case "null": set.insert(.null)
                case "string": set.insert(.string)
                case "boolean": set.insert(.boolean)
                case "integer": set.insert(.integer)
                case "number": set.insert(.number)
                default: break  // matches nothing, as before
                }
            }
            self = set
        }
    }
    @exclusivity(unchecked) var properties: [String: SchemaNode] = [:]
    @exclusivity(unchecked) var patternProperties: [(SchemaPattern, SchemaNode)] = []
    @exclusivity(unchecked) var additional: Additional = .allowed
    @exclusivity(unchecked) var required: [String] = []
    @exclusivity(unchecked) var items: SchemaNode?
    @exclusivity(unchecked) var oneOf: [SchemaNode] = []
    @exclusivity(unchecked) var anyOf: [SchemaNode] = []
    @exclusivity(unchecked) var allOf: [SchemaNode] = []
    @exclusivity(unchecked) var enumValues: [String]?
    @exclusivity(unchecked) var constValue: String?
    @exclusivity(unchecked) var pattern: SchemaPattern?
    @exclusivity(unchecked) var minimum: Double?
    @exclusivity(unchecked) var maximum: Double?
    @exclusivity(unchecked) var uniqueItems = false

    init() {}
}

/// A `pattern`/`patternProperties` regex, with fast paths for the shapes the Compose schema uses.
struct SchemaPattern: @unchecked Sendable {
    private enum Kind {
        /// `^abc`: a byte prefix, as the reference loader's regexp reads it.
        case prefix([UInt8])
        case nonEmptyLine
        case nameChars
        case lowercaseWord
        case containsNamePair
        /// `.+`: some character that is not a line terminator; the regex is kept for non-ASCII text.
        case someLineCharacter(LazyRegex)
        case regex(LazyRegex)
    }

    let source: String
    private let kind: Kind

    init(_ source: String) {
        self.source = source
        switch source {
        case "^.+$": kind = .nonEmptyLine
        case "^[a-zA-Z0-9._-]+$": kind = .nameChars
        // The two regexes the schema checks per service (ulimits keys, container_name), as
        // byte scans: NSRegularExpression was most of the validator's time.
        case "^[a-z]+$": kind = .lowercaseWord
        case "[a-zA-Z0-9][a-zA-Z0-9_.-]+": kind = .containsNamePair
        case ".+":
            // Every environment and label key is checked against it.
            kind = .someLineCharacter(LazyRegex(source))
        default:
            if source.hasPrefix("^"), source.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                kind = .prefix(Array(source.utf8.dropFirst()))
            } else {
                kind = .regex(LazyRegex(source))
            }
        }
    }

    func matches(_ s: String) -> Bool {
        switch kind {
        case .prefix(let p): return s.utf8.starts(with: p)
        case .nonEmptyLine: return !s.isEmpty && !s.utf8.contains(UInt8(ascii: "\n"))
        case .nameChars:
            return !s.isEmpty && s.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x2D
            }
        case .lowercaseWord:
            // ICU's `$` also matches before one line terminator that ends the input.
            var scalars = Substring(s).unicodeScalars
            if scalars.count >= 2, scalars.suffix(2).elementsEqual(["\r", "\n"]) {
                scalars = scalars.dropLast(2)
            } else if let last = scalars.last, ["\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(last) {
                scalars = scalars.dropLast()
            }
            return !scalars.isEmpty && scalars.allSatisfy { $0 >= "a" && $0 <= "z" }
        case .containsNamePair:
            // Unanchored: some ASCII letter or digit followed by a letter, digit, '_', '.' or '-'.
            func alnum(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
            var prev: UInt8?
            for c in s.utf8 {
                if let p = prev, alnum(p), alnum(c) || c == 0x5F || c == 0x2E || c == 0x2D { return true }
                prev = c
            }
            return false
        case .someLineCharacter(let re):
            // ASCII line terminators: \n, \v, \f, \r.
            if s.isASCIIText { return s.utf8.contains { $0 < 0x0A || $0 > 0x0D } }
            return re.matches(s)
        case .regex(let re):
            return re.matches(s)
        }
    }
}

/// A regex compiled on its first use: the schema has 54 patterns, most never met by a given file,
/// and compiling them all was a third of the schema's setup on every command (8 M instructions).
/// A pattern that does not compile matches nothing.
final class LazyRegex: @unchecked Sendable {
    private let source: String
    private let lock = NSLock()
    private var compiled: NSRegularExpression??

    init(_ source: String) {
        self.source = source
    }

    func matches(_ s: String) -> Bool {
        guard let re = regex else { return false }
        return re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    private var regex: NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let compiled { return compiled }
        let re = try? NSRegularExpression(pattern: source)
        compiled = .some(re)
        return re
    }
}

/// The parsed schema with its definitions, built once per process.
struct SchemaRoot: Sendable {
    let top: SchemaNode
    let definitions: [String: SchemaNode]

    static let compose: Result<SchemaRoot, ComposeError> = {
        do throws(ComposeError) {
            return .success(try compile(ComposeSchema.json))
        } catch {
            return .failure(error)
        }
    }()

    static func compile(_ json: String) throws(ComposeError) -> SchemaRoot {
        let root: SchemaJSON
        do {
            root = try SchemaJSON.parse(json)
        } catch {
            throw ComposeError.schema("the built-in Compose schema is not valid JSON: \(error)", at: nil, path: nil)
        }
        guard case .object(let members) = root else {
            throw ComposeError.schema("the built-in Compose schema is not a JSON object", at: nil, path: nil)
        }
        var defs: [String: SchemaNode] = [:]
        for (key, value) in members where key == "definitions" || key == "$defs" {
            guard case .object(let d) = value else { continue }
            for (name, value) in d {
                defs["#/\(key)/\(name)"] = node(value)
            }
        }
        let top = node(root)
        var visited = Set<ObjectIdentifier>()
        resolveRefs(top, defs, &visited)
        for d in defs.values { resolveRefs(d, defs, &visited) }
        return SchemaRoot(top: top, definitions: defs)
    }

    /// Sets `resolved` on every node reachable from `n` (at most 16 hops per chain, as before).
    private static func resolveRefs(_ n: SchemaNode, _ defs: [String: SchemaNode], _ visited: inout Set<ObjectIdentifier>) {
        guard visited.insert(ObjectIdentifier(n)).inserted else { return }
        var s = n
        var hops = 0
        while let ref = s.ref, hops < 16, let t = defs[ref] { s = t; hops += 1 }
        if s !== n { n.resolved = s }
        var children = Array(n.properties.values) + n.patternProperties.map(\.1) + n.oneOf + n.anyOf + n.allOf
        if let i = n.items { children.append(i) }
        if case .schema(let a) = n.additional { children.append(a) }
        for c in children { resolveRefs(c, defs, &visited) }
    }

    private static func node(_ json: SchemaJSON) -> SchemaNode {
        let n = SchemaNode()
        guard case .object(let members) = json else { return n }  // `{}` and `true` accept everything
        func strings(_ v: SchemaJSON) -> [String]? {
            guard case .array(let items) = v else { return nil }
            var out: [String] = []
            for i in items { guard case .string(let s) = i else { return nil }; out.append(s) }
            return out
        }
        func schemas(_ v: SchemaJSON) -> [SchemaNode] {
            guard case .array(let items) = v else { return [] }
            return items.map(node)
        }
        func number(_ v: SchemaJSON) -> Double? {
            guard case .number(let text) = v else { return nil }
            return Double(text)
        }
        for (key, value) in members {
            switch key {
            case "$ref":
                if case .string(let r) = value { n.ref = r }
            case "type":
                if case .string(let t) = value { n.types = [t] } else if let t = strings(value) { n.types = t }
            case "properties":
                guard case .object(let props) = value else { break }
                for (k, v) in props { n.properties[k] = node(v) }
            case "patternProperties":
                guard case .object(let pp) = value else { break }
                for (k, v) in pp.sorted(by: { $0.key < $1.key }) { n.patternProperties.append((SchemaPattern(k), node(v))) }
            case "additionalProperties":
                if case .bool(let b) = value { n.additional = b ? .allowed : .forbidden } else { n.additional = .schema(node(value)) }
            case "required": n.required = strings(value) ?? []
            case "items": n.items = node(value)
            case "oneOf": n.oneOf = schemas(value)
            case "anyOf": n.anyOf = schemas(value)
            case "allOf": n.allOf = schemas(value)
            case "enum":
                if case .array(let e) = value { n.enumValues = e.map(text) }
            case "const": n.constValue = text(value)
            case "pattern":
                if case .string(let p) = value { n.pattern = SchemaPattern(p) }
            case "minimum": n.minimum = number(value)
            case "maximum": n.maximum = number(value)
            case "uniqueItems":
                if case .bool(let b) = value { n.uniqueItems = b }
            default: break
            }
        }
        return n
    }

    /// A JSON enum/const value as the scalar text a YAML file would hold.
    private static func text(_ v: SchemaJSON) -> String {
        switch v {
        case .null: return "null"
        case .string(let s), .number(let s): return s  // the Compose schema's enums are strings
        case .bool(let b): return b ? "true" : "false"
        case .object, .array: return "\(v)"
        }
    }
}
