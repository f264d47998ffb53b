/// Compose project names: lowercase letters, digits, `_` and `-`, starting with a letter or digit.
public enum ProjectName {
    /// `"UNNORMALIZED PATH"` → `"unnormalizedpath"`: lowercased, other characters dropped, leading `_`/`-` trimmed.
    public static func normalize(_ s: String) -> String {
        let kept = s.lowercased().unicodeScalars.filter { c in
            (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
        }
        var out = String(String.UnicodeScalarView(kept))
        while let f = out.first, f == "_" || f == "-" { out.removeFirst() }
        return out
    }

    public static func isValid(_ s: String) -> Bool {
        !s.isEmpty && normalize(s) == s
    }

    /// Throws unless `name` is usable as given (an explicit `-p`, `COMPOSE_PROJECT_NAME` or `name:`).
    public static func validate(_ name: String) throws(ComposeError) {
        if name.isEmpty {
            throw ComposeError.projectName("project name must not be empty",
                                           hint: "set one with -p, COMPOSE_PROJECT_NAME or a top-level 'name:'")
        }
        if !isValid(name) {
            throw ComposeError.projectName(
                "invalid project name \"\(name)\": must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number",
                hint: normalize(name).isEmpty ? nil : "try \"\(normalize(name))\"")
        }
    }
}
