import YAML

/// Top-level `include:`: each entry is loaded as a project of its own (own directory, own
/// `.env`), and its resources are imported into the including file's model.
struct IncludeResolver {
    let session: LoadSession

    /// Replaces `include` in `root` by the resources it imports. `file` is the including file,
    /// `workingDir` the directory its relative include paths are resolved against.
    func apply(to root: inout YAMLNode, file: String, workingDir: String, env: [String: String],
               stack: [String]) throws(ComposeError) {
        guard let include = ProjectLoader.value(root, "include") else { return }
        ProjectLoader.remove(&root, "include")
        if include.isNull { return }
        guard case .sequence(let entries) = include.kind else {
            throw ComposeError.schema("must be a list", at: include.mark, path: "include")
        }
        var imported = YAMLNode(.mapping([]), mark: include.mark)
        for (i, entry) in entries.enumerated() {
            let model = try load(entry, index: i, workingDir: workingDir, env: env, stack: stack)
            try Self.importResources(from: model, into: &imported)
        }
        try Self.mergeLocal(&root, over: imported)
    }

    private func load(_ entry: YAMLNode, index: Int, workingDir: String, env: [String: String],
                      stack: [String]) throws(ComposeError) -> YAMLNode {
        let keyPath = "include[\(index)]"
        var paths: [YAMLNode] = []
        var projectDirectory: YAMLNode?
        var envFiles: [YAMLNode] = []
        if entry.scalarValue != nil && !entry.isNull {
            paths = [entry]
        } else if case .mapping = entry.kind {
            if let p = ProjectLoader.value(entry, "path") { paths = p.items ?? [p] }
            projectDirectory = ProjectLoader.value(entry, "project_directory")
            if let e = ProjectLoader.value(entry, "env_file") { envFiles = e.items ?? [e] }
        }
        let files = paths.compactMap { p -> (String, Mark)? in
            guard let s = p.scalarValue, !p.isNull else { return nil }
            return (session.resolveReference(s, relativeTo: workingDir), p.mark)
        }
        guard let first = files.first else {
            throw ComposeError.include("an include entry needs a path", at: entry.mark, path: keyPath,
                                       hint: "write '- path: other/compose.yaml' or just '- other/compose.yaml'")
        }
        let dir: String
        if let pd = projectDirectory?.scalarValue, projectDirectory?.isNull == false {
            dir = PathResolver.absolute(pd, base: workingDir, home: session.options.environment["HOME"])
        } else {
            dir = PathResolver.dirname(first.0)
        }
        // The included project's env: its env_file (default its .env), under the including env.
        var includeEnv = env
        var envPaths = envFiles.compactMap(\.scalarValue).map { PathResolver.absolute($0, base: workingDir, home: nil) }
        let explicitEnv = !envPaths.isEmpty
        if !explicitEnv { envPaths = [dir + "/.env"] }
        try ProjectLoader.addDotEnv(envPaths, to: &includeEnv, required: explicitEnv)

        var model: YAMLNode?
        for (path, mark) in files {
            if let at = stack.firstIndex(of: path) {
                let chain = (stack[at...] + [path]).map { session.display($0) }.joined(separator: " -> ")
                throw ComposeError.include("include cycle detected: \(chain)", at: mark, path: keyPath,
                                           hint: "a file cannot include itself, directly or through other files")
            }
            var loaded = try session.loadModel(path, env: includeEnv, workingDir: dir, stack: stack + [path])
            if session.options.resolvePaths {
                try PathResolver(base: dir, home: includeEnv["HOME"]).resolveModel(&loaded)
            }
            model = try model.map { (m: YAMLNode) throws(ComposeError) in try NodeMerge.merge(m, loaded) } ?? loaded
        }
        return model ?? YAMLNode(.mapping([]), mark: entry.mark)
    }

    static let resourceKeys = ["services", "volumes", "networks", "secrets", "configs", "models"]

    /// Adds an included model's resources; the same name from two includes must be the same definition.
    static func importResources(from model: YAMLNode, into imported: inout YAMLNode) throws(ComposeError) {
        for key in resourceKeys {
            guard let from = ProjectLoader.value(model, key), case .mapping(let entries) = from.kind else { continue }
            var to = ProjectLoader.value(imported, key)?.entries ?? []
            for e in entries {
                guard let name = e.key.scalarValue else { continue }
                if let existing = to.first(where: { $0.key.scalarValue == name }) {
                    if NodeKey.of(existing.value) != NodeKey.of(e.value) {
                        throw ComposeError.include("\(key).\(name) conflicts with imported resource", at: e.key.mark,
                                                   path: "\(key).\(name)",
                                                   hint: "two included files define '\(name)' differently; rename one")
                    }
                    continue
                }
                to.append(e)
            }
            ProjectLoader.set(&imported, key, YAMLNode(.mapping(to), mark: from.mark))
        }
    }

    /// The including file's own resources go over the imported ones. Redefining an imported
    /// resource is a conflict unless it is identical or says how to merge (`!override`/`!reset`).
    static func mergeLocal(_ root: inout YAMLNode, over imported: YAMLNode) throws(ComposeError) {
        for key in resourceKeys {
            guard let inc = ProjectLoader.value(imported, key)?.entries else { continue }
            let local = ProjectLoader.value(root, key)
            var out: [YAMLNode.Entry] = []
            let localEntries = local?.entries ?? []
            for e in inc {
                guard let name = e.key.scalarValue,
                      let mine = localEntries.first(where: { $0.key.scalarValue == name }) else {
                    out.append(e)
                    continue
                }
                if NodeKey.of(mine.value) == NodeKey.of(e.value) {
                    out.append(e)
                } else if hasMergeTag(mine.value) {
                    let merged = key == "services" ? try NodeMerge.mergeService(base: e.value, override: mine.value)
                                                   : try NodeMerge.merge(e.value, mine.value)
                    out.append(YAMLNode.Entry(key: mine.key, value: merged))
                } else {
                    throw ComposeError.include("\(key).\(name) conflicts with imported resource", at: mine.key.mark,
                                               path: "\(key).\(name)",
                                               hint: "an included file already defines '\(name)'; rename it, or mark the attributes to replace with !override")
                }
            }
            for e in localEntries where !out.contains(where: { $0.key.scalarValue == e.key.scalarValue }) {
                out.append(e)
            }
            ProjectLoader.set(&root, key, YAMLNode(.mapping(out), mark: local?.mark ?? root.mark))
        }
    }

    static func hasMergeTag(_ node: YAMLNode) -> Bool {
        if node.tag == "!override" || node.tag == "!reset" { return true }
        switch node.kind {
        case .scalar: return false
        case .sequence(let items): return items.contains(where: hasMergeTag)
        case .mapping(let entries): return entries.contains { hasMergeTag($0.value) }
        }
    }
}
