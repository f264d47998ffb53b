public import YAML
public import ComposeModel

/// A `Decoder` over a `YAMLNode` tree. Scalars are strings in YAML (and after interpolation), so numbers
/// and booleans are read from their text with compose-go's casting rules. Every failure is a
/// `ComposeError` carrying the offending node's `file:line:col` and key path (`services.web.ports[0]`).
public struct YAMLNodeDecoder: ShapeReportingDecoder {
    public let node: YAMLNode
    /// The path is the parent chain plus this value's key; the chain grows only when a
    /// container is opened, so scalars decode without allocating a path.
    let parent: CodingPathNode?
    let key: AnyCodingKey?
    public var codingPath: [any CodingKey] { CodingPathNode.array(parent, appending: key) }
    public var userInfo: [CodingUserInfoKey: Any] { [:] }

    public init(node: YAMLNode, codingPath: [any CodingKey] = []) {
        self.node = node
        self.parent = CodingPathNode.chain(codingPath)
        self.key = nil
    }

    init(node: YAMLNode, parent: CodingPathNode?, key: AnyCodingKey?) {
        self.node = node
        self.parent = parent
        self.key = key
    }

    /// The chain including this value's key, for the containers' children.
    var path: CodingPathNode? {
        guard let key else { return parent }
        return CodingPathNode(parent: parent, key: key)
    }

    /// Decodes `T` from `node`, turning every failure into a `ComposeError`.
    public static func decode<T: Decodable>(_ type: T.Type, from node: YAMLNode, codingPath: [any CodingKey] = []) throws(ComposeError) -> T {
        do {
            return try decodeValue(T.self, node: node, parent: CodingPathNode.chain(codingPath), key: nil)
        } catch let e as ComposeError {
            throw e
        } catch {
            throw ComposeError.validation("\(error)", at: node.mark, path: keyPath(codingPath))
        }
    }

    public var valueShape: ValueShape {
        switch node.kind {
        case .mapping: return .mapping
        case .sequence: return .sequence
        case .scalar: return node.isNull ? .null : .scalar
        }
    }

    /// The scalar keys, as the keyed container finds them.
    public var mappingKeys: [String]? {
        guard case .mapping(let entries) = node.kind else { return nil }
        var keys: [String] = []
        keys.reserveCapacity(entries.count)
        for e in entries { if case .scalar(let k, _) = e.key.kind { keys.append(k) } }
        return keys
    }

    public var scalarItems: [String]? {
        guard case .sequence(let items) = node.kind else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .scalar(let v, _) = item.kind, !item.isNull else { return nil }
            out.append(v)
        }
        return out
    }

    public var scalarPairs: [(key: String, value: String?)]? {
        guard case .mapping(let entries) = node.kind else { return nil }
        var out: [(key: String, value: String?)] = []
        out.reserveCapacity(entries.count)
        for e in entries {
            guard case .scalar(let k, _) = e.key.kind else { continue }
            if e.value.isNull {
                out.append((k, nil))
            } else if case .scalar(let v, _) = e.value.kind {
                out.append((k, v))
            } else {
                return nil
            }
        }
        // A repeated key reads its first value in the keyed container; leave that case to it.
        if out.count > 1 {
            if out.count <= 16 {
                for i in 1..<out.count where out[..<i].contains(where: { $0.key == out[i].key }) { return nil }
            } else {
                var seen = Set<String>()
                for p in out where !seen.insert(p.key).inserted { return nil }
            }
        }
        return out
    }

    /// Big `services` mappings take the hand-written path on every core; any service it leaves
    /// to Codable sends the whole mapping back to the key-by-key path.
    public var allServices: OrderedDictionary<String, Service>? {
        guard case .mapping(let entries) = node.kind, entries.count >= Parallel.threshold else { return nil }
        var keys: [String] = []
        keys.reserveCapacity(entries.count)
        for e in entries {
            guard case .scalar(let k, _) = e.key.kind else { return nil }
            keys.append(k)
        }
        guard Set(keys).count == keys.count else { return nil }
        let parent = path
        var decoded = Parallel.map(entries) { e in
            ServiceNodeDecoder.decode(e.value, parent: parent, key: AnyCodingKey(e.key.scalarValue ?? ""))
        }
        // Moved out of their optionals, not copied.
        var services: [Service] = []
        services.reserveCapacity(decoded.count)
        for i in decoded.indices {
            guard let s = decoded[i].take() else { return nil }
            services.append(s)
        }
        return OrderedDictionary(uncheckedUniqueKeys: keys, values: services)
    }

    public func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let entries = node.entries else { throw mismatch("a mapping") }
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(node: node, entries: entries, path: path))
    }

    public func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let items = node.items else { throw mismatch("a sequence") }
        return UnkeyedNodeContainer(items: items, path: path)
    }

    public func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(node: node, parent: parent, key: key)
    }

    func mismatch(_ expected: String) -> ComposeError {
        YAMLNodeDecoder.mismatch(expected, node: node, path: codingPath)
    }

    static func mismatch(_ expected: String, node: YAMLNode, path: [any CodingKey]) -> ComposeError {
        let found: String
        if node.isNull { found = "null" }
        else if let s = node.scalarValue { found = "\"\(s)\"" }
        else { found = "a \(node.kindName)" }
        return ComposeError.schema("expected \(expected), found \(found)", at: node.mark, path: keyPath(path))
    }

    /// `services.web.ports[0]`.
    public static func keyPath(_ path: [any CodingKey]) -> String {
        var s = ""
        for key in path {
            if let i = key.intValue {
                s += "[\(i)]"
            } else {
                if !s.isEmpty { s += "." }
                s += key.stringValue
            }
        }
        return s
    }

    /// Decodes a child value; a `ValueError` from the model gets this node's position and path.
    static func decodeValue<T: Decodable>(_ type: T.Type, node: YAMLNode, parent: CodingPathNode?, key: AnyCodingKey?) throws -> T {
        if T.self == JSONValue.self, let v = jsonValue(node) as? T { return v }
        // Most services take the hand-written path; it answers nil for anything it leaves to Codable.
        if T.self == Service.self, let key, let v = ServiceNodeDecoder.decode(node, parent: parent, key: key) as? T { return v }
        // Strings are most values: read them as `String(from:)` would, without a boxed decoder and container.
        if T.self == String.self, let v = try scalar(node, "a string", path: { CodingPathNode.array(parent, appending: key) }) as? T {
            return v
        }
        do {
            return try T(from: YAMLNodeDecoder(node: node, parent: parent, key: key))
        } catch let e as ValueError {
            throw ComposeError.validation(e.message, at: node.mark, path: keyPath(CodingPathNode.array(parent, appending: key)), hint: e.hint)
        } catch let e as DecodingError {
            throw ComposeError.schema(describe(e), at: node.mark, path: keyPath(CodingPathNode.array(parent, appending: key)))
        }
    }

    private static func describe(_ e: DecodingError) -> String {
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
            return c.debugDescription
        @unknown default:
            return "\(e)"
        }
    }

    /// A free-form value with YAML's core types: plain `true`/`false` are booleans, plain numbers numbers.
    static func jsonValue(_ node: YAMLNode) -> JSONValue {
        switch node.kind {
        case .scalar(let s, let style):
            if node.isNull { return .null }
            guard style == .plain, node.tag == nil else { return .string(s) }
            switch s {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: break
            }
            if let n = number(s) { return .number(n) }
            return .string(s)
        case .sequence(let items):
            return .array(items.map(jsonValue))
        case .mapping(let entries):
            var o: OrderedDictionary<String, JSONValue> = [:]
            for e in entries { o[e.key.scalarValue ?? ""] = jsonValue(e.value) }
            return .object(o)
        }
    }

    /// A plain scalar that reads as a finite decimal number.
    private static func number(_ s: String) -> Double? {
        guard let f = s.first, f.isASCII, f.isNumber || f == "-" || f == "+" || f == "." else { return nil }
        guard s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        guard let d = Double(s), d.isFinite else { return nil }
        return d
    }
}

public import OrderedCollections

// MARK: scalars

/// compose-go's boolean casting: y/yes/true/on and n/no/false/off, any case.
func castBool(_ s: String) -> Bool? {
    switch s.lowercased() {
    case "y", "yes", "true", "on": return true
    case "n", "no", "false", "off": return false
    default: return nil
    }
}

// `path` is built only for an error message.

private func scalar(_ node: YAMLNode, _ expected: String, path: () -> [any CodingKey]) throws -> String {
    guard case .scalar(let s, _) = node.kind, !node.isNull else {
        throw YAMLNodeDecoder.mismatch(expected, node: node, path: path())
    }
    return s
}

private func decodeBool(_ node: YAMLNode, path: () -> [any CodingKey]) throws -> Bool {
    let s = try scalar(node, "a boolean", path: path)
    guard let b = castBool(s.trimmingCharacters()) else {
        throw ComposeError.schema("invalid boolean \"\(s)\"", at: node.mark, path: YAMLNodeDecoder.keyPath(path()), hint: "use true or false")
    }
    return b
}

private func decodeInteger<T: FixedWidthInteger>(_ type: T.Type, _ node: YAMLNode, path: () -> [any CodingKey]) throws -> T {
    let s = try scalar(node, "an integer", path: path).trimmingCharacters()
    if let v = T(s) { return v }
    // "2.0" is an integer written as a float.
    if let d = Double(s), d.rounded() == d, let v = T(exactly: d) { return v }
    throw ComposeError.schema("expected an integer, found \"\(s)\"", at: node.mark, path: YAMLNodeDecoder.keyPath(path()))
}

private func decodeFloat(_ node: YAMLNode, path: () -> [any CodingKey]) throws -> Double {
    let s = try scalar(node, "a number", path: path).trimmingCharacters()
    guard let d = Double(s), d.isFinite else {
        throw ComposeError.schema("expected a number, found \"\(s)\"", at: node.mark, path: YAMLNodeDecoder.keyPath(path()))
    }
    return d
}

extension String {
    func trimmingCharacters() -> String {
        // Most values start and end with a printable ASCII character: no Unicode property lookups.
        if let f = utf8.first, let l = utf8.last, (0x21...0x7E).contains(f), (0x21...0x7E).contains(l) { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

// MARK: containers

private struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: YAMLNode
    let entries: [YAMLNode.Entry]
    /// The path of `node`.
    let path: CodingPathNode?
    /// Key → index of its first entry, built once for big mappings so lookups stay O(1)
    /// (a linear scan per key is quadratic over thousands of services); nil when a scan is cheaper.
    private let index: [String: Int]?

    /// Below this many entries a scan beats hashing.
    private static var indexThreshold: Int { 12 }

    init(node: YAMLNode, entries: [YAMLNode.Entry], path: CodingPathNode?) {
        self.node = node
        self.entries = entries
        self.path = path
        if entries.count > Self.indexThreshold {
            var index: [String: Int] = [:]
            index.reserveCapacity(entries.count)
            for (i, e) in entries.enumerated() {
                guard case .scalar(let k, _) = e.key.kind else { continue }
                // The first occurrence wins, as with the scan.
                if index[k] == nil { index[k] = i }
            }
            self.index = index
        } else {
            self.index = nil
        }
    }

    var codingPath: [any CodingKey] { CodingPathNode.array(path) }

    private func pathTo(_ key: Key) -> [any CodingKey] { CodingPathNode.array(path, appending: CodingPathNode.anyKey(key)) }

    var allKeys: [Key] { entries.compactMap { $0.key.scalarValue.flatMap(Key.init(stringValue:)) } }

    func contains(_ key: Key) -> Bool { value(key) != nil }

    private func value(_ key: Key) -> YAMLNode? {
        let name = key.stringValue
        if let index {
            return index[name].map { entries[$0].value }
        }
        for e in entries {
            if case .scalar(let k, _) = e.key.kind, k == name { return e.value }
        }
        return nil
    }

    private func require(_ key: Key) throws -> YAMLNode {
        guard let v = value(key) else {
            throw ComposeError.schema("missing required key '\(key.stringValue)'", at: node.mark, path: YAMLNodeDecoder.keyPath(codingPath),
                                      hint: "add '\(key.stringValue):'")
        }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { try require(key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeBool(require(key), path: { pathTo(key) }) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try scalar(require(key), "a string", path: { pathTo(key) })
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeFloat(require(key), path: { pathTo(key) }) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try decodeFloat(require(key), path: { pathTo(key) })) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeInteger(Int.self, require(key), path: { pathTo(key) }) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeInteger(Int8.self, require(key), path: { pathTo(key) }) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeInteger(Int16.self, require(key), path: { pathTo(key) }) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeInteger(Int32.self, require(key), path: { pathTo(key) }) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeInteger(Int64.self, require(key), path: { pathTo(key) }) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeInteger(UInt.self, require(key), path: { pathTo(key) }) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeInteger(UInt8.self, require(key), path: { pathTo(key) }) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeInteger(UInt16.self, require(key), path: { pathTo(key) }) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeInteger(UInt32.self, require(key), path: { pathTo(key) }) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeInteger(UInt64.self, require(key), path: { pathTo(key) }) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try YAMLNodeDecoder.decodeValue(T.self, node: require(key), parent: path, key: CodingPathNode.anyKey(key))
    }
    /// One lookup instead of the default's three (contains, decodeNil, decode); same result.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = value(key), !v.isNull else { return nil }
        return try YAMLNodeDecoder.decodeValue(T.self, node: v, parent: path, key: CodingPathNode.anyKey(key))
    }

    private func child(_ key: Key) throws -> YAMLNodeDecoder {
        YAMLNodeDecoder(node: try require(key), parent: path, key: CodingPathNode.anyKey(key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: NestedKey.self)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { YAMLNodeDecoder(node: node, parent: path, key: nil) }
    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

private struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let items: [YAMLNode]
    /// The path of the sequence.
    let path: CodingPathNode?
    var currentIndex = 0

    init(items: [YAMLNode], path: CodingPathNode?) {
        self.items = items
        self.path = path
    }

    var codingPath: [any CodingKey] { CodingPathNode.array(path) }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private func pathTo(_ i: Int) -> [any CodingKey] { CodingPathNode.array(path, appending: AnyCodingKey(intValue: i)) }

    private mutating func next() throws -> YAMLNode {
        guard currentIndex < items.count else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: pathTo(currentIndex), debugDescription: "no more items in the sequence"))
        }
        defer { currentIndex += 1 }
        return items[currentIndex]
    }

    /// A decoder for the next item.
    private mutating func nextDecoder() throws -> YAMLNodeDecoder {
        let key = AnyCodingKey(intValue: currentIndex)
        return YAMLNodeDecoder(node: try next(), parent: path, key: key)
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < items.count, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { let i = currentIndex; return try decodeBool(next(), path: { pathTo(i) }) }
    mutating func decode(_ type: String.Type) throws -> String { let i = currentIndex; return try scalar(next(), "a string", path: { pathTo(i) }) }
    mutating func decode(_ type: Double.Type) throws -> Double { let i = currentIndex; return try decodeFloat(next(), path: { pathTo(i) }) }
    mutating func decode(_ type: Float.Type) throws -> Float { let i = currentIndex; return Float(try decodeFloat(next(), path: { pathTo(i) })) }
    mutating func decode(_ type: Int.Type) throws -> Int { let i = currentIndex; return try decodeInteger(Int.self, next(), path: { pathTo(i) }) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let i = currentIndex; return try decodeInteger(Int8.self, next(), path: { pathTo(i) }) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let i = currentIndex; return try decodeInteger(Int16.self, next(), path: { pathTo(i) }) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let i = currentIndex; return try decodeInteger(Int32.self, next(), path: { pathTo(i) }) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let i = currentIndex; return try decodeInteger(Int64.self, next(), path: { pathTo(i) }) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let i = currentIndex; return try decodeInteger(UInt.self, next(), path: { pathTo(i) }) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let i = currentIndex; return try decodeInteger(UInt8.self, next(), path: { pathTo(i) }) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let i = currentIndex; return try decodeInteger(UInt16.self, next(), path: { pathTo(i) }) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let i = currentIndex; return try decodeInteger(UInt32.self, next(), path: { pathTo(i) }) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let i = currentIndex; return try decodeInteger(UInt64.self, next(), path: { pathTo(i) }) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let key = AnyCodingKey(intValue: currentIndex)
        return try YAMLNodeDecoder.decodeValue(T.self, node: next(), parent: path, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try nextDecoder().container(keyedBy: NestedKey.self)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder().unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        try nextDecoder()
    }
}

private struct SingleNodeContainer: SingleValueDecodingContainer {
    let node: YAMLNode
    let parent: CodingPathNode?
    let key: AnyCodingKey?

    var codingPath: [any CodingKey] { CodingPathNode.array(parent, appending: key) }

    func decodeNil() -> Bool { node.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeBool(node, path: { codingPath }) }
    func decode(_ type: String.Type) throws -> String { try scalar(node, "a string", path: { codingPath }) }
    func decode(_ type: Double.Type) throws -> Double { try decodeFloat(node, path: { codingPath }) }
    func decode(_ type: Float.Type) throws -> Float { Float(try decodeFloat(node, path: { codingPath })) }
    func decode(_ type: Int.Type) throws -> Int { try decodeInteger(Int.self, node, path: { codingPath }) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(Int8.self, node, path: { codingPath }) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(Int16.self, node, path: { codingPath }) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(Int32.self, node, path: { codingPath }) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(Int64.self, node, path: { codingPath }) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(UInt.self, node, path: { codingPath }) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(UInt8.self, node, path: { codingPath }) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(UInt16.self, node, path: { codingPath }) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(UInt32.self, node, path: { codingPath }) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(UInt64.self, node, path: { codingPath }) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self, let v = YAMLNodeDecoder.jsonValue(node) as? T { return v }
        return try T(from: YAMLNodeDecoder(node: node, parent: parent, key: key))
    }
}
