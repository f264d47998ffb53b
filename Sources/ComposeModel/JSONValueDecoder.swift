/// Decodes a `Decodable` from a `JSONValue` tree (e.g. a typed view of an `x-*` extension or `develop`).
/// Strings are cast to numbers and booleans as in a Compose file.
public struct JSONValueDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: []))
    }
}

private struct ValueDecoder: ShapeReportingDecoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var valueShape: ValueShape {
        switch value {
        case .null: return .null
        case .array: return .sequence
        case .object: return .mapping
        default: return .scalar
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let o) = value else { throw mismatch("a mapping") }
        return KeyedDecodingContainer(Keyed<Key>(object: o, codingPath: codingPath))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let a) = value else { throw mismatch("a sequence") }
        return Unkeyed(items: a, codingPath: codingPath)
    }
    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(value: value, codingPath: codingPath)
    }
    func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(JSONValue.self, .init(codingPath: codingPath, debugDescription: "expected \(expected)"))
    }
}

private func text(_ v: JSONValue, _ path: [any CodingKey]) throws -> String {
    switch v {
    case .string(let s): return s
    case .number(let n): return JSONValue.formatNumber(n)
    case .bool(let b): return b ? "true" : "false"
    default:
        throw DecodingError.typeMismatch(String.self, .init(codingPath: path, debugDescription: "expected a scalar"))
    }
}

private func convert<T: Decodable>(_ v: JSONValue, _ path: [any CodingKey], as type: T.Type) throws -> T {
    if let v = v as? T { return v }
    let bad = DecodingError.typeMismatch(T.self, .init(codingPath: path, debugDescription: "cannot read \(v) as \(T.self)"))
    switch T.self {
    case is String.Type:
        guard let s = try text(v, path) as? T else { throw bad }
        return s
    case is Bool.Type:
        if case .bool(let b) = v, let r = b as? T { return r }
        let s = try text(v, path).lowercased()
        let b: Bool? = ["y", "yes", "true", "on"].contains(s) ? true : ["n", "no", "false", "off"].contains(s) ? false : nil
        guard let b, let r = b as? T else { throw bad }
        return r
    case is Double.Type:
        guard let d = Double(try text(v, path)), let r = d as? T else { throw bad }
        return r
    case is Int.Type:
        guard let i = Int(try text(v, path)), let r = i as? T else { throw bad }
        return r
    case is Int64.Type:
        guard let i = Int64(try text(v, path)), let r = i as? T else { throw bad }
        return r
    case is UInt32.Type:
        guard let i = UInt32(try text(v, path)), let r = i as? T else { throw bad }
        return r
    default:
        return try T(from: ValueDecoder(value: v, codingPath: path))
    }
}

private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: OrderedDictionary<String, JSONValue>
    let codingPath: [any CodingKey]

    var allKeys: [Key] { object.keys.compactMap(Key.init(stringValue:)) }
    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }
    private func value(_ key: Key) throws -> JSONValue {
        guard let v = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing key \(key.stringValue)"))
        }
        return v
    }
    func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try convert(value(key), codingPath + [key], as: T.self)
    }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: value(key), codingPath: codingPath + [key]).container(keyedBy: NestedKey.self)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { ValueDecoder(value: .object(object), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { ValueDecoder(value: try value(key), codingPath: codingPath + [key]) }
}

private struct Unkeyed: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> (JSONValue, [any CodingKey]) {
        let path = codingPath + [AnyCodingKey(intValue: currentIndex)]
        guard currentIndex < items.count else {
            throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: path, debugDescription: "no more items"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], path)
    }
    mutating func decodeNil() throws -> Bool {
        guard currentIndex < items.count, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (v, path) = try next()
        return try convert(v, path, as: T.self)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, path) = try next()
        return try ValueDecoder(value: v, codingPath: path).container(keyedBy: NestedKey.self)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, path) = try next()
        return try ValueDecoder(value: v, codingPath: path).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        let (v, path) = try next()
        return ValueDecoder(value: v, codingPath: path)
    }
}

private struct Single: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    func decodeNil() -> Bool { value == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try convert(value, codingPath, as: T.self) }
}

import OrderedCollections
