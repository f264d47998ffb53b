import YAML

// The list-like exceptions of the merge rules: key/value lists, unique lists, named lists.
extension Merger {
    /// `environment`, `labels`, ...: both lists → a list, one entry per key; otherwise a map.
    func keyValue(_ base: YAMLNode, _ over: YAMLNode, path: [String]) -> YAMLNode {
        if case .sequence(let a) = base.kind, case .sequence(let b) = over.kind {
            var node = base
            node.tag = nil
            node.kind = .sequence(Self.dedupe(a + b.compactMap(NodeMerge.stripped)) { NodeMerge.key(of: $0, .beforeEquals) })
            return node
        }
        var entries: [YAMLNode.Entry?] = []
        var index: [String: Int] = [:]
        func add(_ e: YAMLNode.Entry) {
            guard let k = e.key.scalarValue else { return }
            if e.value.tag == NodeMerge.resetTag {
                if let i = index.removeValue(forKey: k) { entries[i] = nil }
                return
            }
            let entry = YAMLNode.Entry(key: e.key, value: NodeMerge.stripped(e.value) ?? e.value)
            if let i = index[k] { entries[i] = entry } else {
                index[k] = entries.count
                entries.append(entry)
            }
        }
        for e in NodeMerge.keyValueEntries(base) { add(e) }
        for e in NodeMerge.keyValueEntries(over) { add(e) }
        var node = base
        node.tag = nil
        node.kind = .mapping(entries.compactMap { $0 })
        return node
    }

    /// `extra_hosts`: by host name. Both maps → a map; otherwise a list where the override's entries
    /// for a host replace the base's (a host may have several addresses).
    func extraHosts(_ base: YAMLNode, _ over: YAMLNode, path: [String]) -> YAMLNode {
        if case .mapping = base.kind, case .mapping = over.kind {
            return keyValue(base, over, path: path)
        }
        let a = NodeMerge.hostEntries(base), b = NodeMerge.hostEntries(over)
        let overridden = Set(b.compactMap { NodeMerge.hostName($0) })
        var items = a.filter { NodeMerge.hostName($0).map { !overridden.contains($0) } ?? true }
        for item in b where !items.contains(where: { NodeMerge.hostLine($0) == NodeMerge.hostLine(item) }) {
            items.append(item)
        }
        var node = base
        node.tag = nil
        node.kind = .sequence(items)
        return node
    }

    /// Appends, then keeps one entry per unique key (the later entry, at the earlier one's place).
    func unique(_ base: YAMLNode, _ over: YAMLNode, key: NodeMerge.UniqueKey) -> YAMLNode {
        let a = NodeMerge.asList(base), b = NodeMerge.asList(over).compactMap(NodeMerge.stripped)
        var node = base.items == nil ? YAMLNode(.sequence([]), mark: base.mark) : base
        node.tag = nil
        node.kind = .sequence(Self.dedupe(a + b) { NodeMerge.key(of: $0, key) })
        return node
    }

    /// `networks`, `models`, `depends_on`: both lists → a list of unique names; otherwise maps merged by name.
    func named(_ base: YAMLNode, _ over: YAMLNode, path: [String], dependsOn: Bool) throws(ComposeError) -> YAMLNode? {
        if case .sequence = base.kind, case .sequence = over.kind {
            return unique(base, over, key: .beforeEquals)
        }
        // A name listed without settings keeps the other side's settings (null merges as "no change").
        guard var merged = try generic(NodeMerge.namedMapping(base), NodeMerge.namedMapping(over), path: path) else { return nil }
        if dependsOn, case .mapping(let entries) = merged.kind {
            // A bare name in `depends_on` means the default condition; a null value is not valid there.
            merged.kind = .mapping(entries.map { e in
                guard e.value.isNull else { return e }
                let m = e.value.mark
                return YAMLNode.Entry(key: e.key, value: YAMLNode(.mapping([
                    YAMLNode.Entry(key: .scalar("condition", mark: m), value: .scalar("service_started", mark: m)),
                    YAMLNode.Entry(key: .scalar("required", mark: m), value: .scalar("true", mark: m)),
                ]), mark: m))
            })
        }
        return merged
    }

    /// `networks.*.ipam.config`: entries with the same subnet merge, others append.
    func ipamConfig(_ base: YAMLNode, _ over: YAMLNode, path: [String]) throws(ComposeError) -> YAMLNode? {
        guard case .sequence(var items) = base.kind, case .sequence(let more) = over.kind else {
            return try generic(base, over, path: path)
        }
        for item in more {
            guard let item = NodeMerge.stripped(item) else { continue }
            if let subnet = item["subnet"]?.scalarValue,
               let i = items.firstIndex(where: { $0["subnet"]?.scalarValue == subnet }),
               case .mapping = items[i].kind, case .mapping = item.kind {
                items[i] = try mappings(items[i], item, path: path)
            } else {
                items.append(item)
            }
        }
        var node = base
        node.tag = nil
        node.kind = .sequence(items)
        return node
    }

    /// Keeps the first position of each key and the last entry for it; entries without a key all stay.
    static func dedupe(_ items: [YAMLNode], key: (YAMLNode) -> String?) -> [YAMLNode] {
        var out: [YAMLNode] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let k = key(item) else {
                out.append(item)
                continue
            }
            if let j = seen[k] { out[j] = item } else {
                seen[k] = out.count
                out.append(item)
            }
        }
        return out
    }
}

extension NodeMerge {
    /// A scalar is a one-item list (`dns: 8.8.8.8`, `env_file: .env`).
    static func asList(_ node: YAMLNode) -> [YAMLNode] {
        switch node.kind {
        case .sequence(let items): return items
        case .scalar: return node.isNull ? [] : [node]
        case .mapping: return [node]
        }
    }

    /// Map entries of a `KEY=VALUE` list or map. `KEY` alone has a null value ("take it from the environment").
    static func keyValueEntries(_ node: YAMLNode) -> [YAMLNode.Entry] {
        switch node.kind {
        case .mapping(let entries):
            return entries
        case .sequence(let items):
            return items.compactMap { item -> YAMLNode.Entry? in
                guard let s = item.scalarValue, item.tag != resetTag else { return nil }
                let m = item.mark
                guard let eq = s.firstIndex(of: "=") else {
                    return YAMLNode.Entry(key: .scalar(s, style: .doubleQuoted, mark: m), value: .scalar("", mark: m))
                }
                // The value is a string even when it looks like a number or a boolean.
                return YAMLNode.Entry(key: .scalar(String(s[..<eq]), style: .doubleQuoted, mark: m),
                                      value: .scalar(String(s[s.index(after: eq)...]), style: .doubleQuoted, mark: m))
            }
        case .scalar:
            return []
        }
    }

    /// `host=ip` / `host:ip` lines of an `extra_hosts` list or map (a map value may list several addresses).
    static func hostEntries(_ node: YAMLNode) -> [YAMLNode] {
        switch node.kind {
        case .sequence(let items):
            return items.compactMap(stripped)
        case .mapping(let entries):
            var out: [YAMLNode] = []
            for e in entries where e.value.tag != resetTag {
                guard let host = e.key.scalarValue else { continue }
                for v in e.value.items ?? [e.value] {
                    guard let ip = v.scalarValue else { continue }
                    out.append(.scalar("\(host)=\(ip)", style: .doubleQuoted, mark: v.mark))
                }
            }
            return out
        case .scalar:
            return node.isNull ? [] : [node]
        }
    }

    static func hostName(_ node: YAMLNode) -> String? {
        guard let s = node.scalarValue, let sep = s.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        return String(s[..<sep])
    }

    /// `host:ip` and `host=ip` are the same line.
    static func hostLine(_ node: YAMLNode) -> String? {
        guard let s = node.scalarValue, let name = hostName(node) else { return node.scalarValue }
        return name + "=" + s.dropFirst(name.count + 1)
    }

    /// A list of names as a map of `name: null`.
    static func namedMapping(_ node: YAMLNode) -> YAMLNode {
        guard case .sequence(let items) = node.kind else { return node }
        return YAMLNode(.mapping(items.compactMap { item in
            guard item.scalarValue != nil else { return nil }
            return YAMLNode.Entry(key: item, value: .scalar("", mark: item.mark))
        }), mark: node.mark)
    }

    /// `build: ./dir` is `build: {context: ./dir}`.
    static func buildMapping(_ node: YAMLNode) -> YAMLNode {
        guard case .scalar = node.kind, !node.isNull else { return node }
        var value = node
        value.tag = nil
        return YAMLNode(.mapping([YAMLNode.Entry(key: .scalar("context", mark: node.mark), value: value)]), tag: node.tag, mark: node.mark)
    }
}
