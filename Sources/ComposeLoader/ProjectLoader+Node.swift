import YAML
import ComposeModel

/// Small edits on `YAMLNode` mappings used while normalising a project. New nodes take the mark of
/// the node they are derived from, so later errors still point into the user's file.
extension ProjectLoader {
    static func value(_ node: YAMLNode, _ key: String) -> YAMLNode? {
        guard case .mapping(let entries) = node.kind else { return nil }
        for e in entries where e.key.scalarValue == key { return e.value }
        return nil
    }

    static func set(_ node: inout YAMLNode, _ key: String, _ value: YAMLNode) {
        guard case .mapping(var entries) = node.kind else { return }
        node.kind = .scalar("", .plain)  // release the array so the edit below is in place
        if let i = entries.firstIndex(where: { $0.key.scalarValue == key }) {
            entries[i].value = value
        } else {
            entries.append(YAMLNode.Entry(key: .scalar(key, mark: value.mark), value: value))
        }
        node.kind = .mapping(entries)
    }

    static func remove(_ node: inout YAMLNode, _ key: String) {
        guard case .mapping(var entries) = node.kind, entries.contains(where: { $0.key.scalarValue == key }) else { return }
        node.kind = .scalar("", .plain)
        entries.removeAll { $0.key.scalarValue == key }
        node.kind = .mapping(entries)
    }

    /// Applies `body` to the value of `key` when present.
    static func update(_ node: inout YAMLNode, _ key: String, _ body: (inout YAMLNode) throws(ComposeError) -> Void) throws(ComposeError) {
        guard case .mapping(var entries) = node.kind,
              let i = entries.firstIndex(where: { $0.key.scalarValue == key }) else { return }
        node.kind = .scalar("", .plain)
        defer { node.kind = .mapping(entries) }
        try body(&entries[i].value)
    }

    /// Applies `body` to every value of a mapping, with its key.
    static func updateEach(_ node: inout YAMLNode, _ body: (String, inout YAMLNode) throws(ComposeError) -> Void) throws(ComposeError) {
        guard case .mapping(var entries) = node.kind else { return }
        node.kind = .scalar("", .plain)
        defer { node.kind = .mapping(entries) }
        for i in entries.indices {
            try body(entries[i].key.scalarValue ?? "", &entries[i].value)
        }
    }

    /// `updateEach` on every core when the mapping is big (a 1000-service project); `body` must not
    /// touch shared state. The first error in order is thrown, as one pass in order would.
    static func updateEachConcurrently(_ node: inout YAMLNode, _ body: (String, inout YAMLNode) throws(ComposeError) -> Void) throws(ComposeError) {
        guard case .mapping(var entries) = node.kind, entries.count >= Parallel.threshold else {
            return try updateEach(&node, body)
        }
        node.kind = .scalar("", .plain)  // release the array so the edits are in place
        defer { node.kind = .mapping(entries) }
        try Parallel.updateEach(&entries) { (e: inout YAMLNode.Entry) throws(ComposeError) in
            try body(e.key.scalarValue ?? "", &e.value)
        }
    }

    /// Applies `body` to every item of a sequence.
    static func updateItems(_ node: inout YAMLNode, _ body: (inout YAMLNode) throws(ComposeError) -> Void) throws(ComposeError) {
        guard case .sequence(var items) = node.kind else { return }
        node.kind = .scalar("", .plain)
        defer { node.kind = .sequence(items) }
        for i in items.indices { try body(&items[i]) }
    }

    static func str(_ value: String, at mark: Mark) -> YAMLNode {
        YAMLNode.string(value, mark: mark)
    }

    static func mapping(_ entries: [(String, YAMLNode)], at mark: Mark) -> YAMLNode {
        YAMLNode(.mapping(entries.map { YAMLNode.Entry(key: .scalar($0.0, mark: $0.1.mark), value: $0.1) }), mark: mark)
    }

    /// The node at a dotted key path, for positions of errors found after decoding.
    static func node(at path: [String], in root: YAMLNode) -> YAMLNode? {
        var cur = root
        for key in path {
            if case .sequence(let items) = cur.kind, let i = Int(key), items.indices.contains(i) {
                cur = items[i]
            } else if let next = value(cur, key) {
                cur = next
            } else {
                return nil
            }
        }
        return cur
    }

    /// The deepest known position along `path`, so an error still points near its cause.
    static func mark(at path: [String], in root: YAMLNode?) -> Mark? {
        guard var cur = root else { return nil }
        var best = root?.mark
        for key in path {
            if case .sequence(let items) = cur.kind, let i = Int(key), items.indices.contains(i) {
                cur = items[i]
            } else if case .mapping(let entries) = cur.kind, let e = entries.first(where: { $0.key.scalarValue == key }) {
                best = e.key.mark
                cur = e.value
                continue
            } else {
                break
            }
            best = cur.mark
        }
        return best
    }
}
