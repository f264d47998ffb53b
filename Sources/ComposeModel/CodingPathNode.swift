/// A coding key path (decoding and encoding) kept as a chain of parents: a child's path costs one small object, not a
/// copy of the whole array (with a boxed key per element) for every value decoded.
public final class CodingPathNode: Sendable {
    public let parent: CodingPathNode?
    public let key: AnyCodingKey

    public init(parent: CodingPathNode?, key: AnyCodingKey) {
        self.parent = parent
        self.key = key
    }

    /// The chain for a path given as an array.
    public static func chain(_ path: [any CodingKey]) -> CodingPathNode? {
        var node: CodingPathNode?
        for k in path { node = CodingPathNode(parent: node, key: anyKey(k)) }
        return node
    }

    /// The path from the root, optionally followed by `last`.
    public static func array(_ node: CodingPathNode?, appending last: AnyCodingKey? = nil) -> [any CodingKey] {
        var out: [any CodingKey] = []
        var n = node
        while let cur = n {
            out.append(cur.key)
            n = cur.parent
        }
        out.reverse()
        if let last { out.append(last) }
        return out
    }

    /// Any key as an `AnyCodingKey`, keeping both its string and its int value.
    public static func anyKey(_ k: some CodingKey) -> AnyCodingKey {
        if let a = k as? AnyCodingKey { return a }
        var a = AnyCodingKey(k.stringValue)
        a.intValue = k.intValue
        return a
    }
}
