public import YAML

extension Interpolator {
    /// Interpolates every scalar value of a tree, never mapping keys. `path` is the key path of `node`.
    public func interpolate(_ node: YAMLNode, path: [String] = []) throws(ComposeError) -> YAMLNode {
        var missing: [Missing] = []
        return try interpolate(node, path: path, missing: &missing)
    }

    /// Same, and appends the variables used without a value (for "variable is not set" warnings).
    public func interpolate(_ node: YAMLNode, path: [String] = [], missing: inout [Missing]) throws(ComposeError) -> YAMLNode {
        try walk(node, path: path.joined(separator: "."), missing: &missing)
    }

    private func walk(_ node: YAMLNode, path: String, missing: inout [Missing]) throws(ComposeError) -> YAMLNode {
        var node = node
        switch node.kind {
        case .scalar(let value, let style):
            // The style stays: a plain `${PORT}` that becomes `8080` reads as a number, like compose-go's casts.
            let v = try interpolate(value, at: node.mark, path: path, missing: &missing)
            node.kind = .scalar(v, style)
        case .sequence(let items):
            var out: [YAMLNode] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                out.append(try walk(item, path: "\(path)[\(i)]", missing: &missing))
            }
            node.kind = .sequence(out)
        case .mapping(let entries):
            var out: [YAMLNode.Entry] = []
            out.reserveCapacity(entries.count)
            for e in entries {
                let key = e.key.scalarValue ?? "?"
                let sub = path.isEmpty ? key : "\(path).\(key)"
                out.append(YAMLNode.Entry(key: e.key, value: try walk(e.value, path: sub, missing: &missing)))
            }
            node.kind = .mapping(out)
        }
        return node
    }
}
