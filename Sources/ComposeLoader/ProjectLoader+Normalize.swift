import YAML

/// What Compose fills in after merging: absolute paths, `env_file`/`label_file` read into
/// `environment`/`labels`, and implicit dependencies.
extension ProjectLoader {
    static func normalize(_ root: inout YAMLNode, name: String, workingDir: String, env: [String: String],
                          options: LoadOptions) throws(ComposeError) {
        if value(root, "version") != nil {
            options.warn("\(value(root, "version")?.mark.file ?? ""): the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion")
        }
        remove(&root, "version")
        remove(&root, "include")
        // `name` first, as `config` prints it.
        let nameNode = str(name, at: value(root, "name")?.mark ?? root.mark)
        remove(&root, "name")
        if case .mapping(var entries) = root.kind {
            entries.insert(YAMLNode.Entry(key: .scalar("name", mark: nameNode.mark), value: nameNode), at: 0)
            root.kind = .mapping(entries)
        }
        let paths = PathResolver(base: workingDir, home: env["HOME"])
        try update(&root, "services") { (services: inout YAMLNode) throws(ComposeError) in
            try updateEachConcurrently(&services) { (serviceName: String, service: inout YAMLNode) throws(ComposeError) in
                if service.isNull { service = YAMLNode(.mapping([]), mark: service.mark) }
                remove(&service, "extends")
                normalizeBuild(&service)
                if options.resolvePaths { try paths.resolveService(&service) }
                if options.resolveEnvFiles {
                    try resolveEnvironment(&service, env: env, workingDir: workingDir)
                    try resolveLabels(&service, workingDir: workingDir)
                }
                addImplicitDependencies(&service)
            }
        }
        if options.resolvePaths {
            for key in ["secrets", "configs"] {
                try update(&root, key) { (o: inout YAMLNode) throws(ComposeError) in try paths.resolveFileObjects(&o) }
            }
        }
        // The default network and resource names are filled by `Project.applyDefaults()` after decoding.
    }

    /// `build: ./dir` → `build: {context: ./dir}`; a missing context is `.`, a missing Dockerfile `Dockerfile`.
    static func normalizeBuild(_ service: inout YAMLNode) {
        guard var build = value(service, "build"), !build.isNull else { return }
        if let ctx = build.scalarValue {
            build = mapping([("context", str(ctx, at: build.mark))], at: build.mark)
        }
        guard case .mapping = build.kind else { return }
        if value(build, "context") == nil { set(&build, "context", str(".", at: build.mark)) }
        if value(build, "dockerfile") == nil && value(build, "dockerfile_inline") == nil {
            set(&build, "dockerfile", str("Dockerfile", at: build.mark))
        }
        set(&service, "build", build)
    }

    /// `environment` as a mapping: `env_file` values under the explicit ones, bare keys taken
    /// from the project environment (left null when unset there). `env_file` is dropped after.
    static func resolveEnvironment(_ service: inout YAMLNode, env: [String: String], workingDir: String) throws(ComposeError) {
        var vars: [(String, YAMLNode)] = []
        var at: [String: Int] = [:]
        func put(_ key: String, _ value: YAMLNode) {
            if let i = at[key] { vars[i].1 = value } else { at[key] = vars.count; vars.append((key, value)) }
        }
        let envFile = value(service, "env_file")
        let explicit = value(service, "environment")
        if envFile == nil && explicit == nil { return }
        // Most services: a mapping with every value given is already the result.
        if envFile == nil, let explicit, case .mapping(let entries) = explicit.kind, !entries.contains(where: { $0.value.isNull }) {
            return
        }
        if let envFile, !envFile.isNull {
            var loaded: [String: String] = [:]
            for item in envFile.items ?? [envFile] {
                var path: String?
                var required = true
                var raw = false
                if let s = item.scalarValue {
                    path = s
                } else {
                    path = value(item, "path")?.scalarValue
                    if let r = value(item, "required")?.scalarValue { required = !["false", "no", "off"].contains(r.lowercased()) }
                    raw = value(item, "format")?.scalarValue == "raw"
                }
                guard let p = path else { continue }
                let file = PathResolver.absolute(p, base: workingDir, home: env["HOME"])
                guard exists(file) else {
                    if !required { continue }
                    throw ComposeError.file("env file \(file) not found", path: nil,
                                            hint: "create it, or mark it optional: 'env_file: [{path: \(p), required: false}]'")
                }
                let pairs: [(key: String, value: String)]
                if raw {
                    pairs = try rawEnvFile(file)
                } else {
                    let known = loaded
                    pairs = try DotEnv.load(path: file, lookup: { env[$0] ?? known[$0] })
                }
                for (k, v) in pairs {
                    loaded[k] = v
                    put(k, str(v, at: item.mark))
                }
            }
        }
        if let explicit, !explicit.isNull {
            switch explicit.kind {
            case .mapping(let entries):
                for e in entries {
                    guard let k = e.key.scalarValue else { continue }
                    if e.value.isNull {
                        put(k, env[k].map { str($0, at: e.value.mark) } ?? e.value)
                    } else {
                        put(k, e.value)
                    }
                }
            case .sequence(let items):
                for item in items {
                    guard let s = item.scalarValue else { continue }
                    if let eq = s.firstIndex(of: "=") {
                        put(String(s[..<eq]), str(String(s[s.index(after: eq)...]), at: item.mark))
                    } else {
                        put(s, env[s].map { str($0, at: item.mark) } ?? YAMLNode(.scalar("", .plain), mark: item.mark))
                    }
                }
            case .scalar:
                break
            }
        }
        remove(&service, "env_file")
        set(&service, "environment", mapping(vars, at: explicit?.mark ?? envFile?.mark ?? service.mark))
    }

    /// `format: raw`: one `KEY=VALUE` per line, taken literally.
    static func rawEnvFile(_ file: String) throws(ComposeError) -> [(key: String, value: String)] {
        let text = String(decoding: try readBytes(file), as: UTF8.self)
        var out: [(key: String, value: String)] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            out.append((String(line[..<eq]), String(line[line.index(after: eq)...])))
        }
        return out
    }

    /// `label_file` read under the explicit `labels`, then dropped.
    static func resolveLabels(_ service: inout YAMLNode, workingDir: String) throws(ComposeError) {
        guard let labelFile = value(service, "label_file") else { return }
        remove(&service, "label_file")
        if labelFile.isNull { return }
        var labels: [(String, YAMLNode)] = []
        var at: [String: Int] = [:]
        func put(_ key: String, _ value: YAMLNode) {
            if let i = at[key] { labels[i].1 = value } else { at[key] = labels.count; labels.append((key, value)) }
        }
        for item in labelFile.items ?? [labelFile] {
            guard let p = item.scalarValue else { continue }
            let file = PathResolver.absolute(p, base: workingDir, home: nil)
            guard exists(file) else {
                throw ComposeError.file("label file \(file) not found", hint: "create it or remove it from 'label_file'")
            }
            for (k, v) in try DotEnv.load(path: file, lookup: { _ in nil }) { put(k, str(v, at: item.mark)) }
        }
        let explicit = value(service, "labels")
        switch explicit?.kind {
        case .mapping(let entries)?:
            for e in entries { if let k = e.key.scalarValue { put(k, e.value) } }
        case .sequence(let items)?:
            for item in items {
                guard let s = item.scalarValue else { continue }
                if let eq = s.firstIndex(of: "=") {
                    put(String(s[..<eq]), str(String(s[s.index(after: eq)...]), at: item.mark))
                } else {
                    put(s, str("", at: item.mark))
                }
            }
        default:
            break
        }
        set(&service, "labels", mapping(labels, at: explicit?.mark ?? labelFile.mark))
    }

    /// `links`, `volumes_from` and `network_mode`/`ipc`/`pid: service:x` become `depends_on` entries.
    static func addImplicitDependencies(_ service: inout YAMLNode) {
        var implicit: [(String, Mark)] = []
        for link in value(service, "links")?.items ?? [] {
            if let s = link.scalarValue, let n = s.split(separator: ":", maxSplits: 1).first { implicit.append((String(n), link.mark)) }
        }
        for from in value(service, "volumes_from")?.items ?? [] {
            if let s = from.scalarValue, !s.hasPrefix("container:"), let n = s.split(separator: ":", maxSplits: 1).first {
                implicit.append((String(n), from.mark))
            }
        }
        for key in ["network_mode", "ipc", "pid"] {
            if let v = value(service, key), let s = v.scalarValue, s.hasPrefix("service:") {
                implicit.append((String(s.dropFirst("service:".count)), v.mark))
            }
        }
        guard !implicit.isEmpty else { return }
        var deps = value(service, "depends_on")
        // Short list form → long form, so implicit entries can carry a condition.
        if let items = deps?.items {
            deps = mapping(items.compactMap { item in
                item.scalarValue.map { ($0, dependency(at: item.mark)) }
            }, at: deps?.mark ?? service.mark)
        }
        var d = deps ?? YAMLNode(.mapping([]), mark: service.mark)
        if d.isNull { d = YAMLNode(.mapping([]), mark: d.mark) }
        for (name, mark) in implicit where value(d, name) == nil {
            set(&d, name, dependency(at: mark))
        }
        set(&service, "depends_on", d)
    }

    static func dependency(at mark: Mark) -> YAMLNode {
        mapping([("condition", str("service_started", at: mark)),
                 ("required", YAMLNode(.scalar("true", .plain), mark: mark))], at: mark)
    }
}
