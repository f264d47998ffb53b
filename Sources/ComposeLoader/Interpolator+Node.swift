public import YAML
import ComposeModel

extension Interpolator {
    /// Interpolates every scalar value of a tree, never mapping keys. `path` is the key path of `node`.
    public func interpolate(_ node: YAMLNode, path: [String] = []) throws(ComposeError) -> YAMLNode {
        var missing: [Missing] = []
        return try interpolate(node, path: path, missing: &missing)
    }

    /// Same, and appends the variables used without a value (for "variable is not set" warnings).
    /// `consuming`, so a tree nobody else holds is edited in place instead of copied.
    public func interpolate(_ node: consuming YAMLNode, path: [String] = [], missing: inout [Missing]) throws(ComposeError) -> YAMLNode {
        var stack: [PathPiece] = path.isEmpty ? [] : [.key(path.joined(separator: "."))]
        var node = node
        try walk(&node, path: &stack, missing: &missing)
        return node
    }

    /// Edits `node` in place. `path` is joined only when a message needs it: building the string
    /// for every node was a large share of loading.
    private func walk(_ node: inout YAMLNode, path: inout [PathPiece], missing: inout [Missing]) throws(ComposeError) {
        switch node.kind {
        case .scalar(let value, let style):
            // The style stays: a plain `${PORT}` that becomes `8080` reads as a number, like compose-go's casts.
            guard Self.hasDollar(value) else { return }
            let v = try interpolate(value, at: node.mark, path: { Self.join(path) }, missing: &missing)
            node.kind = .scalar(v, style)
        case .sequence(var items):
            node.kind = .scalar("", .plain)  // release the array so edits below are in place
            defer { node.kind = .sequence(items) }
            for i in items.indices {
                path.append(.index(i))
                defer { path.removeLast() }
                try walk(&items[i], path: &path, missing: &missing)
            }
        case .mapping(var entries):
            node.kind = .scalar("", .plain)
            defer { node.kind = .mapping(entries) }
            if path.count == 1 && entries.count >= Parallel.threshold {
                // A top-level section as big as a 1000-service project: its entries on every core.
                try walkConcurrently(&entries, path: path, missing: &missing)
                return
            }
            for i in entries.indices {
                path.append(.key(entries[i].key.scalarValue ?? "?"))
                defer { path.removeLast() }
                try walk(&entries[i].value, path: &path, missing: &missing)
            }
        }
    }

    /// The entries of a mapping each on their own, missing variables and the first error kept in order.
    private func walkConcurrently(_ entries: inout [YAMLNode.Entry], path: [PathPiece], missing: inout [Missing]) throws(ComposeError) {
        let results = Parallel.update(&entries) { e -> (ComposeError?, [Missing]) in
            var path = path + [.key(e.key.scalarValue ?? "?")]
            var found: [Missing] = []
            do throws(ComposeError) {
                try walk(&e.value, path: &path, missing: &found)
                return (nil, found)
            } catch {
                return (error, found)
            }
        }
        for (error, found) in results {
            missing += found
            if let error { throw error }
        }
    }

    /// `services.web.ports[0]` from its components.
    private static func join(_ path: [PathPiece]) -> String {
        var s = ""
        for piece in path {
            switch piece {
            case .key(let k): s = s.isEmpty ? k : s + "." + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    private enum PathPiece {
        case key(String)
        case index(Int)
    }
}
