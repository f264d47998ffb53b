public import YAML

/// Merges Compose documents the way the spec's "Merge and override" section and compose-go do, on YAML trees,
/// so every value keeps the position of the file it came from.
///
/// Mappings merge recursively, sequences append, scalars are replaced; the exceptions (replaced commands,
/// lists unique by a key, `environment`-like lists/maps) are in `NodeMerge+Rules.swift`.
/// `!reset` on an override value removes the key; `!override` replaces the value without merging.
public enum NodeMerge {
    /// Merges an override Compose document onto a base document.
    public static func merge(_ base: YAMLNode, _ override: YAMLNode) throws(ComposeError) -> YAMLNode {
        let merged = try Merger(display: []).value(stripMergeTags(base), override, path: [])
        return merged ?? YAMLNode(.mapping([]), mark: base.mark)
    }

    /// Same rules applied to one service (used by `extends`: `override` is the local service, `base` the extended one).
    public static func mergeService(base: YAMLNode, override: YAMLNode) throws(ComposeError) -> YAMLNode {
        try mergeService(base: base, override: override, named: nil)
    }

    /// Same, with the service name for error key paths (`services.<name>.…`).
    public static func mergeService(base: YAMLNode, override: YAMLNode, named name: String?) throws(ComposeError) -> YAMLNode {
        let display = name.map { ["services", $0] } ?? []
        let merged = try Merger(display: display).value(stripMergeTags(base), override, path: ["services", "*"])
        return merged ?? YAMLNode(.mapping([]), mark: override.mark)
    }

    /// Drops `!reset` values left after all merges and clears `!override`/`!reset` tags so decoding sees plain values.
    /// A `!reset` root becomes an empty mapping.
    public static func stripMergeTags(_ node: YAMLNode) -> YAMLNode {
        stripped(node) ?? YAMLNode(.mapping([]), mark: node.mark)
    }

    static let resetTag = "!reset"
    static let overrideTag = "!override"

    /// nil when the node itself is `!reset`.
    static func stripped(_ node: YAMLNode) -> YAMLNode? {
        if node.tag == resetTag { return nil }
        var node = node
        if node.tag == overrideTag { node.tag = nil }
        switch node.kind {
        case .scalar:
            break
        case .sequence(let items):
            // Fast path: most trees have no merge tags below.
            guard items.contains(where: hasMergeTags) else { break }
            node.kind = .sequence(items.compactMap(stripped))
        case .mapping(let entries):
            guard entries.contains(where: { hasMergeTags($0.value) }) else { break }
            node.kind = .mapping(entries.compactMap { e in stripped(e.value).map { YAMLNode.Entry(key: e.key, value: $0) } })
        }
        return node
    }

    /// Runs over every node of every file: the nil test first, and loops rather than closures.
    static func hasMergeTags(_ node: YAMLNode) -> Bool {
        if let tag = node.tag, tag == resetTag || tag == overrideTag { return true }
        switch node.kind {
        case .scalar:
            return false
        case .sequence(let items):
            for item in items where hasMergeTags(item) { return true }
            return false
        case .mapping(let entries):
            for e in entries where hasMergeTags(e.value) { return true }
            return false
        }
    }
}

/// One merge. `path` is the key path used to pick a rule (`services.*.x` for `extends`);
/// `display` replaces its first components in error messages.
struct Merger {
    let display: [String]

    func pathString(_ path: [String]) -> String {
        var p = path
        if !display.isEmpty, p.count >= display.count { p.replaceSubrange(0..<display.count, with: display) }
        return p.joined(separator: ".")
    }

    /// The merged value, or nil when the override removes the key (`!reset`).
    func value(_ base: YAMLNode, _ over: YAMLNode, path: [String]) throws(ComposeError) -> YAMLNode? {
        if over.tag == NodeMerge.resetTag { return nil }
        if over.tag == NodeMerge.overrideTag { return NodeMerge.stripped(over) }
        let rule = NodeMerge.rule(for: path)
        // An empty override value keeps the base (compose-go), e.g. `web:` with nothing under it,
        // except where the value is replaced as a whole (`command:` empties the command).
        if over.isNull, rule != .replace { return base }
        if base.isNull { return NodeMerge.stripped(over) }
        switch rule {
        case .replace:
            return NodeMerge.stripped(over)
        case .keyValue:
            return keyValue(base, over, path: path)
        case .extraHosts:
            return extraHosts(base, over, path: path)
        case .unique(let key):
            return unique(base, over, key: key)
        case .named(let dependsOn):
            return try named(base, over, path: path, dependsOn: dependsOn)
        case .ulimit:
            if case .mapping = base.kind, case .mapping = over.kind { return try mappings(base, over, path: path) }
            return NodeMerge.stripped(over)
        case .logging:
            if let a = base["driver"]?.scalarValue, let b = over["driver"]?.scalarValue, a != b {
                return NodeMerge.stripped(over)
            }
            return try generic(base, over, path: path)
        case .build:
            return try generic(NodeMerge.buildMapping(base), NodeMerge.buildMapping(over), path: path)
        case .ipamConfig:
            return try ipamConfig(base, over, path: path)
        case .generic:
            return try generic(base, over, path: path)
        }
    }

    func generic(_ base: YAMLNode, _ over: YAMLNode, path: [String]) throws(ComposeError) -> YAMLNode? {
        switch (base.kind, over.kind) {
        case (.mapping, .mapping):
            return try mappings(base, over, path: path)
        case (.sequence(let a), .sequence(let b)):
            var node = base
            node.tag = nil
            node.kind = .sequence(a + b.compactMap(NodeMerge.stripped))
            return node
        case (.mapping, _), (.sequence, .mapping):
            let p = pathString(path)
            throw .merge("cannot merge a \(over.kindName) into the \(base.kindName) at \(p)", at: over.mark, path: p,
                         hint: "write the same kind of value in both files, or tag the override value with !override")
        default:
            return NodeMerge.stripped(over)
        }
    }

    /// Adds missing entries, merges the others; `x-` extension values are replaced, as in compose-go.
    func mappings(_ base: YAMLNode, _ over: YAMLNode, path: [String]) throws(ComposeError) -> YAMLNode {
        var entries: [YAMLNode.Entry?] = base.entries ?? []
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() { if let k = e?.key.scalarValue { index[k] = i } }
        for e in over.entries ?? [] {
            guard let k = e.key.scalarValue, let i = index[k], let existing = entries[i] else {
                if let v = NodeMerge.stripped(e.value) {
                    if let k = e.key.scalarValue { index[k] = entries.count }
                    entries.append(YAMLNode.Entry(key: e.key, value: v))
                }
                continue
            }
            let merged: YAMLNode? = k.hasPrefix("x-") ? NodeMerge.stripped(e.value) : try value(existing.value, e.value, path: path + [k])
            entries[i] = merged.map { YAMLNode.Entry(key: existing.key, value: $0) }
        }
        var node = base
        node.tag = nil
        node.kind = .mapping(entries.compactMap { $0 })
        return node
    }
}
