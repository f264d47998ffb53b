import ComposeModel
import YAML

/// Checks the service extensions swiftcompose itself reads (`x-autoscale`, `x-supervise`) with the
/// model's own decoders, so loading and the supervisor agree on what is valid. Runs on the merged
/// tree next to the schema check, so errors point at the line that set the value.
struct ExtensionValidator {
    /// Skip an extension holding `${VAR}` (a file not yet interpolated): its values are unknown.
    var allowVariables = false

    func validate(_ root: YAMLNode) throws(ComposeError) {
        guard let services = ProjectLoader.value(root, "services"), case .mapping(let entries) = services.kind else { return }
        for service in entries {
            guard let name = service.key.scalarValue, case .mapping(let keys) = service.value.kind else { continue }
            for entry in keys {
                switch entry.key.scalarValue ?? "" {
                case AutoscalePolicy.key:
                    try check(entry, service: name) { v throws(PolicyError) in _ = try AutoscalePolicy(decoding: v) }
                case SupervisePolicy.key:
                    try check(entry, service: name) { v throws(PolicyError) in _ = try SupervisePolicy(decoding: v) }
                default:
                    break
                }
            }
        }
    }

    private func check(_ entry: YAMLNode.Entry, service: String,
                       _ decode: (JSONValue) throws(PolicyError) -> Void) throws(ComposeError) {
        if allowVariables && Self.hasVariable(entry.value) { return }
        let base = "services.\(service).\(entry.key.scalarValue ?? "")"
        do {
            try decode(YAMLNodeDecoder.jsonValue(entry.value))
        } catch {
            guard let key = error.key else {
                throw ComposeError.validation(error.message, at: entry.key.mark, path: base, hint: error.hint)
            }
            var mark = entry.key.mark
            if case .mapping(let inner) = entry.value.kind, let e = inner.first(where: { $0.key.scalarValue == key }) {
                mark = error.atKey ? e.key.mark : e.value.mark
            }
            // An unknown key is reported on its parent, as the schema check does for other keys.
            let path = error.atKey ? base : base + "." + key
            throw ComposeError.validation(error.message, at: mark, path: path, hint: error.hint)
        }
    }

    private static func hasVariable(_ node: YAMLNode) -> Bool {
        switch node.kind {
        case .scalar(let s, _): return s.contains("$")
        case .sequence(let items): return items.contains(where: hasVariable)
        case .mapping(let entries): return entries.contains { hasVariable($0.value) }
        }
    }
}
