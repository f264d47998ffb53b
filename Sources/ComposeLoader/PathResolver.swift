import YAML

/// Makes the relative paths of a Compose model absolute, against the directory they are relative
/// to (the project directory, or the directory of an extended or included file).
struct PathResolver: Sendable {
    let base: String
    /// `HOME`, for `~` in bind mounts and files.
    let home: String?

    /// `path` made absolute against `base` and cleaned (`.`/`..` removed). `~` expands to `home`.
    func absolute(_ path: String) -> String {
        Self.absolute(path, base: base, home: home)
    }

    static func absolute(_ path: String, base: String, home: String?) -> String {
        var p = path
        if let home, p == "~" || p.hasPrefix("~/") {
            p = home + p.dropFirst()
        }
        if !p.hasPrefix("/") { p = base + "/" + p }
        return clean(p)
    }

    /// `/a/./b/../c/` → `/a/c`.
    static func clean(_ path: String) -> String {
        if let ascii = path.utf8.withContiguousStorageIfAvailable(cleanASCII), let ascii { return ascii }
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `clean` over the bytes of an ASCII path (each character one byte: the same result, without
    /// splitting into substrings); nil for any other path.
    private static func cleanASCII(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let absolute = b.first == slash
        func isDotDot(_ r: Range<Int>) -> Bool { r.count == 2 && b[r.lowerBound] == dot && b[r.lowerBound + 1] == dot }
        var parts: [Range<Int>] = []
        var i = 0
        while i < b.count {
            if b[i] == slash { i += 1; continue }
            var j = i
            while j < b.count && b[j] != slash {
                if b[j] >= 0x80 { return nil }
                j += 1
            }
            let part = i..<j
            i = j
            if part.count == 1 && b[part.lowerBound] == dot { continue }
            if isDotDot(part) {
                if let last = parts.last, !isDotDot(last) { parts.removeLast() } else if !absolute { parts.append(part) }
                continue
            }
            parts.append(part)
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 1)
        for (n, part) in parts.enumerated() {
            if n > 0 || absolute { out.append(slash) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[part]))
        }
        if out.isEmpty { return absolute ? "/" : "." }
        return String(decoding: out, as: UTF8.self)
    }

    static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func basename(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// A build context or additional context that is not a local path (git URL, `docker-image://`, `service:`).
    static func isRemoteContext(_ s: String) -> Bool {
        s.contains("://") || s.hasPrefix("git@") || s.hasPrefix("github.com/") || s.hasPrefix("service:")
            || s.hasPrefix("docker-image:") || s.hasPrefix("oci-layout:")
    }

    /// A short-syntax volume source that is a host path rather than a named volume.
    static func isHostPath(_ s: String) -> Bool {
        s.hasPrefix("/") || s.hasPrefix(".") || s.hasPrefix("~")
    }

    // MARK: model

    /// Resolves the paths of one service definition.
    func resolveService(_ service: inout YAMLNode) throws(ComposeError) {
        try ProjectLoader.update(&service, "build") { (build: inout YAMLNode) throws(ComposeError) in
            if case .scalar(let ctx, _) = build.kind, !build.isNull {
                build = ProjectLoader.mapping([("context", ProjectLoader.str(Self.isRemoteContext(ctx) ? ctx : absolute(ctx), at: build.mark))], at: build.mark)
                return
            }
            if case .mapping = build.kind, ProjectLoader.value(build, "context") == nil {
                ProjectLoader.set(&build, "context", ProjectLoader.str(absolute("."), at: build.mark))
            }
            try ProjectLoader.update(&build, "context") { (c: inout YAMLNode) throws(ComposeError) in
                if let s = c.scalarValue, !c.isNull, !Self.isRemoteContext(s) { c = ProjectLoader.str(absolute(s), at: c.mark) }
            }
            try ProjectLoader.update(&build, "additional_contexts") { (ac: inout YAMLNode) throws(ComposeError) in
                try ProjectLoader.updateEach(&ac) { (_: String, v: inout YAMLNode) throws(ComposeError) in
                    if let s = v.scalarValue, !Self.isRemoteContext(s) { v = ProjectLoader.str(absolute(s), at: v.mark) }
                }
                try ProjectLoader.updateItems(&ac) { (v: inout YAMLNode) throws(ComposeError) in
                    if let s = v.scalarValue, let eq = s.firstIndex(of: "=") {
                        let ctx = String(s[s.index(after: eq)...])
                        if !Self.isRemoteContext(ctx) { v = ProjectLoader.str(String(s[..<eq]) + "=" + absolute(ctx), at: v.mark) }
                    }
                }
            }
        }
        for key in ["env_file", "label_file"] {
            try ProjectLoader.update(&service, key) { (files: inout YAMLNode) throws(ComposeError) in
                if let s = files.scalarValue, !files.isNull {
                    files = ProjectLoader.str(absolute(s), at: files.mark)
                    return
                }
                try ProjectLoader.updateItems(&files) { (f: inout YAMLNode) throws(ComposeError) in
                    if let s = f.scalarValue {
                        f = ProjectLoader.str(absolute(s), at: f.mark)
                    } else {
                        try ProjectLoader.update(&f, "path") { (p: inout YAMLNode) throws(ComposeError) in
                            if let s = p.scalarValue { p = ProjectLoader.str(absolute(s), at: p.mark) }
                        }
                    }
                }
            }
        }
        try ProjectLoader.update(&service, "volumes") { (vols: inout YAMLNode) throws(ComposeError) in
            try ProjectLoader.updateItems(&vols) { (v: inout YAMLNode) throws(ComposeError) in
                if let s = v.scalarValue {
                    v = ProjectLoader.str(resolveShortVolume(s), at: v.mark)
                } else if ProjectLoader.value(v, "type")?.scalarValue == "bind" {
                    try ProjectLoader.update(&v, "source") { (src: inout YAMLNode) throws(ComposeError) in
                        if let s = src.scalarValue, !s.isEmpty { src = ProjectLoader.str(absolute(s), at: src.mark) }
                    }
                }
            }
        }
        try ProjectLoader.update(&service, "develop") { (dev: inout YAMLNode) throws(ComposeError) in
            try ProjectLoader.update(&dev, "watch") { (watch: inout YAMLNode) throws(ComposeError) in
                try ProjectLoader.updateItems(&watch) { (w: inout YAMLNode) throws(ComposeError) in
                    try ProjectLoader.update(&w, "path") { (p: inout YAMLNode) throws(ComposeError) in
                        if let s = p.scalarValue { p = ProjectLoader.str(absolute(s), at: p.mark) }
                    }
                }
            }
        }
    }

    /// `./data:/data:ro` → `/project/data:/data:ro`; named volumes and anonymous ones are kept.
    func resolveShortVolume(_ spec: String) -> String {
        guard let colon = spec.firstIndex(ofASCII: UInt8(ascii: ":")) else { return spec }
        let source = String(spec[..<colon])
        guard Self.isHostPath(source), !source.hasPrefix("/") || source.contains("/.") else { return spec }
        return absolute(source) + spec[colon...]
    }

    /// Resolves `file:` of top-level secrets and configs.
    func resolveFileObjects(_ objects: inout YAMLNode) throws(ComposeError) {
        try ProjectLoader.updateEach(&objects) { (_: String, obj: inout YAMLNode) throws(ComposeError) in
            try ProjectLoader.update(&obj, "file") { (f: inout YAMLNode) throws(ComposeError) in
                if let s = f.scalarValue, !f.isNull { f = ProjectLoader.str(absolute(s), at: f.mark) }
            }
        }
    }

    /// Resolves every service, secret and config of a (file's) model.
    func resolveModel(_ root: inout YAMLNode) throws(ComposeError) {
        try ProjectLoader.update(&root, "services") { (services: inout YAMLNode) throws(ComposeError) in
            try ProjectLoader.updateEach(&services) { (_: String, s: inout YAMLNode) throws(ComposeError) in
                try resolveService(&s)
            }
        }
        for key in ["secrets", "configs"] {
            try ProjectLoader.update(&root, key) { (o: inout YAMLNode) throws(ComposeError) in try resolveFileObjects(&o) }
        }
    }
}
