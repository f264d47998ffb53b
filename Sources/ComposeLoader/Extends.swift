import YAML

/// `extends`: a service starts from another one (same file or `file:`), recursively; the extending
/// definition is merged over it with the Compose merge rules.
struct ExtendsResolver {
    let session: LoadSession
    let env: [String: String]

    /// Applies `extends` to every service of `root`, the model of `file`.
    func apply(to root: inout YAMLNode, file: String) throws(ComposeError) {
        guard let services = ProjectLoader.value(root, "services"), case .mapping(let entries) = services.kind else { return }
        guard entries.contains(where: { ProjectLoader.value($0.value, "extends") != nil }) else { return }
        var out = entries
        for i in out.indices {
            guard let name = out[i].key.scalarValue, ProjectLoader.value(out[i].value, "extends") != nil else { continue }
            out[i].value = try resolve(name, in: root, file: file, chain: [])
        }
        ProjectLoader.set(&root, "services", YAMLNode(.mapping(out), mark: services.mark))
    }

    /// The service `name` of `model` (the contents of `file`) with its whole `extends` chain applied.
    private func resolve(_ name: String, in model: YAMLNode, file: String, chain: [(String, String)]) throws(ComposeError) -> YAMLNode {
        let key = file + "#" + name
        if let done = session.resolvedServices[key] { return done }
        guard let services = ProjectLoader.value(model, "services"),
              let entry = services.entries?.first(where: { $0.key.scalarValue == name }) else {
            let from = chain.last.map { " (extended by service \"\($0.1)\")" } ?? ""
            throw ComposeError.extends("cannot extend service \"\(name)\" in \(session.display(file)): service not found\(from)",
                                       at: nil, path: nil, hint: "check the 'service' name under 'extends'")
        }
        var service = entry.value.isNull ? YAMLNode(.mapping([]), mark: entry.value.mark) : entry.value
        guard let ext = ProjectLoader.value(service, "extends") else { return service }
        let keyPath = "services.\(name).extends"

        var targetName: String?
        var targetFile: String?
        if let s = ext.scalarValue, !ext.isNull {
            targetName = s
        } else if case .mapping = ext.kind {
            if let s = ProjectLoader.value(ext, "service"), !s.isNull { targetName = s.scalarValue }
            if let f = ProjectLoader.value(ext, "file"), !f.isNull { targetFile = f.scalarValue }
        }
        guard let targetName, !targetName.isEmpty else {
            throw ComposeError.extends("extends.\(name).service is required", at: ext.mark, path: keyPath,
                                       hint: "name the service to extend: 'extends: { service: base }'")
        }
        let otherPath = targetFile.map { session.resolveReference($0, relativeTo: PathResolver.dirname(file)) }
        let targetPath = otherPath ?? file
        let here = chain + [(file, name)]
        if let at = here.firstIndex(where: { $0.0 == targetPath && $0.1 == targetName }) {
            let loop = (here[at...] + [(targetPath, targetName)]).map { "\($0.1) (\(session.display($0.0)))" }
            throw ComposeError.extends("Circular reference with extends: " + loop.joined(separator: " -> "),
                                       at: ext.mark, path: keyPath, hint: "break the loop of 'extends'")
        }

        var base: YAMLNode
        if let otherPath, otherPath != file {
            let other = try session.parsedForExtends(otherPath, env: env)
            base = try resolve(targetName, in: other, file: otherPath, chain: here)
            // Relative paths of the extended service are relative to its own file.
            try PathResolver(base: PathResolver.dirname(otherPath), home: env["HOME"]).resolveService(&base)
        } else {
            base = try resolve(targetName, in: model, file: file, chain: here)
        }
        ProjectLoader.remove(&service, "extends")
        let merged = try NodeMerge.mergeService(base: base, override: service)
        session.resolvedServices[key] = merged
        return merged
    }
}
