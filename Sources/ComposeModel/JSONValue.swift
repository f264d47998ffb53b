public import OrderedCollections

/// A free-form value (extensions `x-*`, `develop`, provider options) kept as written.
/// Scalars stay strings when they came from YAML; numbers and booleans are kept when they are known to be such.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(OrderedDictionary<String, JSONValue>)
}

extension JSONValue {
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
    public var objectValue: OrderedDictionary<String, JSONValue>? {
        if case .object(let o) = self { return o }
        return nil
    }
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}
