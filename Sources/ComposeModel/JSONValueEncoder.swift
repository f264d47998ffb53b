import OrderedCollections

/// Encodes any `Encodable` into a `JSONValue` tree, keeping the order keys were written in.
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = Slot()
        try value.encode(to: TreeEncoder(slot: root, parent: nil, key: nil))
        return root.value
    }
}

/// A mutable box for a value under construction; containers fill it in later.
private final class Slot {
    /// A container's element: leaves are stored as they are, so only containers need a box.
    enum Child {
        case leaf(JSONValue)
        case slot(Slot)

        var value: JSONValue {
            switch self {
            case .leaf(let v): return v
            case .slot(let s): return s.value
            }
        }
    }

    enum Content {
        case value(JSONValue)
        case array([Child])
        case object(OrderedDictionary<String, Child>)
    }
    var content: Content = .value(.null)

    var value: JSONValue {
        switch content {
        case .value(let v): return v
        case .array(let a): return .array(a.map(\.value))
        case .object(let o): return .object(o.mapValues(\.value))
        }
    }
}

private struct TreeEncoder: Encoder {
    let slot: Slot
    /// The path is `parent` plus `key`; the link is made only when a container is opened.
    let parent: CodingPathNode?
    let key: AnyCodingKey?
    var codingPath: [any CodingKey] { CodingPathNode.array(parent, appending: key) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private var path: CodingPathNode? { key.map { CodingPathNode(parent: parent, key: $0) } ?? parent }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = slot.content {} else { slot.content = .object([:]) }
        return KeyedEncodingContainer(KeyedTree<Key>(slot: slot, path: path))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = slot.content {} else { slot.content = .array([]) }
        return UnkeyedTree(slot: slot, path: path)
    }
    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleTree(slot: slot, parent: parent, key: key)
    }
}

/// Common leaves as the value their `encode(to:)` writes, so they need no boxed encoder and container.
private func leaf<T: Encodable>(_ value: T) -> JSONValue? {
    if let v = value as? JSONValue { return v }
    // Services are most of a project: built directly, the encoder is left for their parts.
    if T.self == Service.self, let s = value as? Service, let v = try? s.canonicalJSON() { return v }
    // A project's services, as `Project.encode(to:)` hands them over: a big project's on every core.
    if T.self == EncodedMap<Service>.self, let services = (value as? EncodedMap<Service>)?.values {
        let built = Parallel.map(Array(services.values)) { try? $0.canonicalJSON() }
        if built.allSatisfy({ $0 != nil }) {
            return .object(OrderedDictionary(uncheckedUniqueKeys: services.keys, values: built.map { $0! }))
        }
    }
    // Named volumes, often as many as services.
    if T.self == EncodedMap<Volume>.self, let volumes = (value as? EncodedMap<Volume>)?.values {
        return .object(volumes.mapValues { $0.canonicalJSON() })
    }
    if let s = value as? String { return .string(s) }
    if let b = value as? Bool { return .bool(b) }
    if let i = value as? Int { return .number(Double(i)) }
    return nil
}

private func encodeValue<T: Encodable>(_ value: T, into slot: Slot, parent: CodingPathNode?, key: AnyCodingKey?) throws {
    if let v = leaf(value) {
        slot.content = .value(v)
    } else {
        try value.encode(to: TreeEncoder(slot: slot, parent: parent, key: key))
    }
}

private struct KeyedTree<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let path: CodingPathNode?
    var codingPath: [any CodingKey] { CodingPathNode.array(path) }

    private func put(_ key: Key, _ c: Slot.Child) {
        if case .object(var o) = slot.content {
            // Drop the box's reference first, or the insert copies the whole dictionary (quadratic).
            slot.content = .value(.null)
            o[key.stringValue] = c
            slot.content = .object(o)
        }
    }
    private func child(_ key: Key) -> Slot {
        let s = Slot()
        put(key, .slot(s))
        return s
    }
    mutating func encodeNil(forKey key: Key) throws { put(key, .leaf(.null)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .leaf(.bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(key, .leaf(.string(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(key, .leaf(.number(value))) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(key, .leaf(.number(Double(value)))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .leaf(.number(Double(value)))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(key, .leaf(.number(Double(value)))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(key, .leaf(.number(Double(value)))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let v = leaf(value) {
            put(key, .leaf(v))
        } else {
            try value.encode(to: TreeEncoder(slot: child(key), parent: path, key: CodingPathNode.anyKey(key)))
        }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: child(key), parent: path, key: CodingPathNode.anyKey(key)).container(keyedBy: NestedKey.self)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(slot: child(key), parent: path, key: CodingPathNode.anyKey(key)).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(slot: Key(stringValue: "super").map(child) ?? Slot(), parent: path, key: nil) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(slot: child(key), parent: path, key: CodingPathNode.anyKey(key)) }
}

private struct UnkeyedTree: UnkeyedEncodingContainer {
    let slot: Slot
    let path: CodingPathNode?
    var codingPath: [any CodingKey] { CodingPathNode.array(path) }
    var count: Int {
        if case .array(let a) = slot.content { return a.count }
        return 0
    }

    private func append(_ c: Slot.Child) {
        if case .array(var a) = slot.content {
            slot.content = .value(.null)  // as in KeyedTree.put: keep the append in place
            a.append(c)
            slot.content = .array(a)
        }
    }
    private func next() -> Slot {
        let s = Slot()
        append(.slot(s))
        return s
    }
    mutating func encodeNil() throws { append(.leaf(.null)) }
    mutating func encode(_ value: Bool) throws { append(.leaf(.bool(value))) }
    mutating func encode(_ value: String) throws { append(.leaf(.string(value))) }
    mutating func encode(_ value: Double) throws { append(.leaf(.number(value))) }
    mutating func encode(_ value: Int) throws { append(.leaf(.number(Double(value)))) }
    mutating func encode(_ value: Int64) throws { append(.leaf(.number(Double(value)))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let v = leaf(value) {
            append(.leaf(v))
        } else {
            let key = AnyCodingKey(intValue: count)
            try value.encode(to: TreeEncoder(slot: next(), parent: path, key: key))
        }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: next(), parent: path, key: nil).container(keyedBy: NestedKey.self)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeEncoder(slot: next(), parent: path, key: nil).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(slot: next(), parent: path, key: nil) }
}

private struct SingleTree: SingleValueEncodingContainer {
    let slot: Slot
    let parent: CodingPathNode?
    let key: AnyCodingKey?
    var codingPath: [any CodingKey] { CodingPathNode.array(parent, appending: key) }
    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.content = .value(.number(value)) }
    mutating func encode(_ value: Float) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int8) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int16) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int32) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int64) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt8) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt16) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt32) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode(_ value: UInt64) throws { slot.content = .value(.number(Double(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: slot, parent: parent, key: key) }
}
