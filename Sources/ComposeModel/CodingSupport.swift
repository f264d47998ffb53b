public import OrderedCollections

/// A coding key for any string (map keys, `x-*` extensions) or index.
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int?

    public init(_ string: String) {
        self.stringValue = string
        self.intValue = nil
    }
    public init(stringValue: String) { self.init(stringValue) }
    public init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// The YAML/JSON shape of a value.
public enum ValueShape: Sendable {
    case null, scalar, sequence, mapping
}

/// A decoder that knows the shape of its value without probing (probing builds and drops errors).
public protocol ShapeReportingDecoder: Decoder {
    var valueShape: ValueShape { get }
    /// The string keys of a mapping value in order, when known without probing; nil otherwise.
    var mappingKeys: [String]? { get }
    /// A sequence's items when every one is a non-null scalar (what `[String]` decodes); nil otherwise.
    var scalarItems: [String]? { get }
    /// A mapping's string keys, each once, with their values (nil for null) when every value is a
    /// scalar; nil otherwise, and the caller decodes key by key (which reports any error).
    var scalarPairs: [(key: String, value: String?)]? { get }
    /// A `services` mapping decoded whole (a big one on every core); nil to decode it key by key.
    var allServices: OrderedDictionary<String, Service>? { get }
}

extension ShapeReportingDecoder {
    public var mappingKeys: [String]? { nil }
    public var scalarItems: [String]? { nil }
    public var scalarPairs: [(key: String, value: String?)]? { nil }
    public var allServices: OrderedDictionary<String, Service>? { nil }
}

extension Decoder {
    /// The shape of the value, from the decoder or by probing its containers.
    var shape: ValueShape {
        if let d = self as? any ShapeReportingDecoder { return d.valueShape }
        if (try? container(keyedBy: AnyCodingKey.self)) != nil { return .mapping }
        if (try? unkeyedContainer()) != nil { return .sequence }
        if let c = try? singleValueContainer(), c.decodeNil() { return .null }
        return .scalar
    }

    /// `[String](from: self)`, in one pass when the decoder can list its scalar items.
    func stringItems() throws -> [String] {
        if let d = self as? any ShapeReportingDecoder, let items = d.scalarItems { return items }
        return try [String](from: self)
    }

    /// The value as a scalar string. YAML gives numbers and booleans as written; a JSON decoder
    /// gives typed values, read back as their text.
    func scalarString() throws -> String {
        let c = try singleValueContainer()
        do {
            return try c.decode(String.self)
        } catch {
            if let i = try? c.decode(Int64.self) { return String(i) }
            if let d = try? c.decode(Double.self) { return JSONValue.formatNumber(d) }
            if let b = try? c.decode(Bool.self) { return b ? "true" : "false" }
            throw error
        }
    }
}

/// Reads a mapping by string keys.
struct FieldReader {
    let c: KeyedDecodingContainer<AnyCodingKey>
    /// The mapping's keys when the decoder knows them. Most of a model's many keys are absent;
    /// answering those here skips a generic container call each.
    private let known: [String]?

    init(_ decoder: any Decoder) throws {
        c = try decoder.container(keyedBy: AnyCodingKey.self)
        known = (decoder as? any ShapeReportingDecoder)?.mappingKeys
    }

    func has(_ key: String) -> Bool {
        if let known { return known.contains(key) }
        return c.contains(AnyCodingKey(key))
    }

    /// nil when the key is absent or null.
    func opt<T: Decodable>(_ key: String, as type: T.Type = T.self) throws -> T? {
        if let known, !known.contains(key) { return nil }
        return try c.decodeIfPresent(T.self, forKey: AnyCodingKey(key))
    }

    func req<T: Decodable>(_ key: String, as type: T.Type = T.self) throws -> T {
        guard let v = try opt(key, as: T.self) else {
            throw ValueError("missing required key '\(key)'", hint: "add '\(key):'")
        }
        return v
    }

    func strings(_ key: String) throws -> [String] { try opt(key, as: StringOrList.self)?.values ?? [] }
    func map(_ key: String) throws -> OrderedDictionary<String, String> { try opt(key, as: StringMap.self)?.values ?? [:] }
    func optionalMap(_ key: String) throws -> OrderedDictionary<String, String?> { try opt(key, as: ListOrDict.self)?.values ?? [:] }

    /// `x-*` keys in file order.
    func extensions() throws -> OrderedDictionary<String, JSONValue> {
        if let known, !known.contains(where: { $0.hasPrefix("x-") }) { return [:] }
        var out: OrderedDictionary<String, JSONValue> = [:]
        for key in c.allKeys where key.stringValue.hasPrefix("x-") {
            out[key.stringValue] = try c.decode(JSONValue.self, forKey: key)
        }
        return out
    }

    /// Keys in file order.
    var keys: [String] { c.allKeys.map(\.stringValue) }
}

/// Writes a mapping by string keys, leaving out unset values and empty collections.
struct FieldWriter {
    var c: KeyedEncodingContainer<AnyCodingKey>

    init(_ encoder: any Encoder) {
        c = encoder.container(keyedBy: AnyCodingKey.self)
    }

    mutating func put<T: Encodable>(_ key: String, _ value: T?) throws {
        guard let value else { return }
        try c.encode(value, forKey: AnyCodingKey(key))
    }
    mutating func put<T: Encodable>(_ key: String, _ value: [T]) throws {
        guard !value.isEmpty else { return }
        try c.encode(value, forKey: AnyCodingKey(key))
    }
    mutating func put<V: Encodable>(_ key: String, _ value: OrderedDictionary<String, V>) throws {
        guard !value.isEmpty else { return }
        try c.encode(EncodedMap(value), forKey: AnyCodingKey(key))
    }
    /// Always written, even when empty.
    mutating func putAlways<V: Encodable>(_ key: String, _ value: OrderedDictionary<String, V>) throws {
        try c.encode(EncodedMap(value), forKey: AnyCodingKey(key))
    }
    mutating func putNull(_ key: String) throws {
        try c.encodeNil(forKey: AnyCodingKey(key))
    }
    mutating func extensions(_ ext: OrderedDictionary<String, JSONValue>) throws {
        for (k, v) in ext { try c.encode(v, forKey: AnyCodingKey(k)) }
    }
}

/// An ordered map encoded as a mapping (OrderedDictionary's own Codable uses a flat array).
struct EncodedMap<V: Encodable>: Encodable {
    let values: OrderedDictionary<String, V>
    init(_ values: OrderedDictionary<String, V>) { self.values = values }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        // Decided once from the type: casting each value (a whole `Service`) to a protocol copied it into a box.
        let optional = V.self is any OptionalProtocol.Type
        for (k, v) in values {
            if optional, let opt = v as? OptionalProtocol, opt.isNone {
                try c.encodeNil(forKey: AnyCodingKey(k))
            } else {
                try c.encode(v, forKey: AnyCodingKey(k))
            }
        }
    }
}

protocol OptionalProtocol { var isNone: Bool { get } }
extension Optional: OptionalProtocol {
    var isNone: Bool { self == nil }
}

/// A mapping decoded in file order with typed values.
struct DecodedMap<V: Decodable>: Decodable {
    var values: OrderedDictionary<String, V> = [:]
    init(from decoder: any Decoder) throws {
        if V.self == Service.self, let d = decoder as? any ShapeReportingDecoder, let all = d.allServices as? OrderedDictionary<String, V> {
            values = all
            return
        }
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        for key in c.allKeys {
            values[key.stringValue] = try c.decode(V.self, forKey: key)
        }
    }
}

/// A string or a list of strings (`dns: 8.8.8.8` or `dns: [8.8.8.8]`).
struct StringOrList: Decodable {
    var values: [String]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .sequence {
            values = try decoder.stringItems()
        } else {
            values = [try decoder.scalarString()]
        }
    }
}

/// `list_or_dict` where a missing value means "no value" (environment, build args):
/// `["K=V", "K"]` or `{K: V, K: null}`.
struct ListOrDict: Decodable {
    var values: OrderedDictionary<String, String?> = [:]
    init(from decoder: any Decoder) throws {
        switch decoder.shape {
        case .sequence:
            for item in try decoder.stringItems() {
                if let eq = item.firstIndex(of: "=") {
                    values[String(item[..<eq])] = String(item[item.index(after: eq)...])
                } else {
                    values[item] = .some(nil)
                }
            }
        case .null:
            break
        default:
            if let d = decoder as? any ShapeReportingDecoder, let pairs = d.scalarPairs {
                for (k, v) in pairs { values[k] = .some(v) }
                return
            }
            let c = try decoder.container(keyedBy: AnyCodingKey.self)
            for key in c.allKeys {
                values[key.stringValue] = .some(try c.decodeIfPresent(String.self, forKey: key))
            }
        }
    }
}

/// `list_or_dict` where a missing value is the empty string (labels, sysctls, driver options).
struct StringMap: Decodable {
    var values: OrderedDictionary<String, String> = [:]
    init(from decoder: any Decoder) throws {
        for (k, v) in try ListOrDict(from: decoder).values {
            values[k] = v ?? ""
        }
    }
}

/// A command: a string is split with shell-words rules, a list is kept.
struct ShellCommand: Decodable {
    var values: [String]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .sequence {
            values = try decoder.stringItems()
        } else {
            values = try ShellWords.split(decoder.scalarString())
        }
    }
}

/// A Bool given as a boolean or a string ("true", "yes", "on"...).
struct FlexibleBool: Decodable {
    var value: Bool
    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Bool.self)
    }
}

/// A file mode: `0440` (octal, as YAML 1.1 reads it), `0o440`, or a decimal number.
struct FileMode: Decodable {
    var value: UInt32
    init(from decoder: any Decoder) throws {
        let s = try decoder.scalarString()
        guard let v = FileMode.parse(s) else {
            throw ValueError("invalid file mode \"\(s)\"", hint: "use an octal number such as 0440")
        }
        value = v
    }

    static func parse(_ s: String) -> UInt32? {
        if s.hasPrefix("0o") || s.hasPrefix("0O") { return UInt32(s.dropFirst(2), radix: 8) }
        if s.hasPrefix("0x") || s.hasPrefix("0X") { return UInt32(s.dropFirst(2), radix: 16) }
        if s.count > 1, s.hasPrefix("0") { return UInt32(s.dropFirst(), radix: 8) }
        return UInt32(s)
    }
}

/// A scalar read as text, whatever its JSON type (`target: 80`, `published: "8080"`).
struct ScalarText: Decodable {
    var value: String
    init(from decoder: any Decoder) throws {
        value = try decoder.scalarString()
    }
}
