import ComposeModel
import YAML

/// The state of one `ProjectLoader.load`: options, and the files parsed so far for `extends`.
final class LoadSession {
    let options: LoadOptions
    /// Parsed and interpolated files by path, for `extends: file:` (one env per session key).
    private var parsed: [String: YAMLNode] = [:]
    /// Services with their `extends` chain applied, by "file#service".
    var resolvedServices: [String: YAMLNode] = [:]
    /// Variables already warned about, so each is reported once.
    private var warned: Set<String> = []

    init(options: LoadOptions) {
        self.options = options
    }

    /// How a path appears in messages: relative to the working directory when inside it.
    func display(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let cwd = options.workingDirectory.hasSuffix("/") ? options.workingDirectory : options.workingDirectory + "/"
        if path.hasPrefix(cwd) { return String(path.dropFirst(cwd.count)) }
        return path
    }

    /// An include/extends reference made into a local absolute path.
    func resolveReference(_ ref: String, relativeTo dir: String) -> String {
        if let resolver = options.remoteResolver, let local = resolver(ref) {
            return PathResolver.absolute(local, base: options.workingDirectory, home: nil)
        }
        return PathResolver.absolute(ref, base: dir, home: options.environment["HOME"])
    }

    /// Parses a file (`-` is stdin) into its top-level mapping.
    func parse(_ path: String) throws(ComposeError) -> YAMLNode {
        let name = display(path)
        var bytes: [UInt8]
        if path == "-" {
            bytes = Array((options.stdin() ?? "").utf8)
        } else {
            bytes = try ProjectLoader.readBytes(path)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let node: YAMLNode?
        do {
            if let split = SplitParser.parse(bytes, file: name) {
                node = split
            } else {
                node = try YAMLParser().parse(bytes: bytes, file: name)
            }
        } catch {
            throw ComposeError.yaml(error)
        }
        StageClock.mark("parse")
        guard let node, !node.isNull else { throw ComposeError.empty(name) }
        guard case .mapping = node.kind else {
            throw ComposeError.schema("a Compose file must be a mapping at the top level, not a \(node.kindName)",
                                      at: node.mark, path: nil, hint: "start with 'services:'")
        }
        return node
    }

    func interpolate(_ node: consuming YAMLNode, env: [String: String]) throws(ComposeError) -> YAMLNode {
        guard options.interpolate else { return node }
        var missing: [Interpolator.Missing] = []
        let out = try Interpolator(lookup: { env[$0] }).interpolate(node, path: [], missing: &missing)
        StageClock.mark("interpolate")
        for m in missing where warned.insert(m.name).inserted { options.warn(m.description) }
        return out
    }

    /// A file parsed and interpolated, cached for repeated `extends` of the same file.
    func parsedForExtends(_ path: String, env: [String: String]) throws(ComposeError) -> YAMLNode {
        if let n = parsed[path] { return n }
        let n = try interpolate(parse(path), env: env)
        parsed[path] = n
        return n
    }

    /// One file's model: parsed, interpolated, includes imported, `extends` applied.
    /// `workingDir` is the directory relative include paths are resolved against.
    func loadModel(_ path: String, env: [String: String], workingDir: String, stack: [String]) throws(ComposeError) -> YAMLNode {
        var root = try interpolate(parse(path), env: env)
        try IncludeResolver(session: self).apply(to: &root, file: path, workingDir: workingDir, env: env, stack: stack)
        try ExtendsResolver(session: self, env: env).apply(to: &root, file: path)
        return root
    }
}
