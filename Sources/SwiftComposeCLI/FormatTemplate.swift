import Foundation

/// A `--format` template in the subset of Go's text/template that Docker users write:
/// `{{.Field}}`, `{{json .}}`, `{{json .Field}}`, `{{.Label "key"}}`, an optional `table ` prefix,
/// and `\t` / `\n` escapes (docker/cli replaces those before parsing, so shells need no `$'…'`).
struct FormatTemplate: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case field(String)
        /// nil = the whole row.
        case json(String?)
        case label(String)
    }

    var pieces: [Piece]
    /// `table …`: a header line, columns aligned.
    var isTable: Bool

    static func parse(_ source: String) throws(CommandFailure) -> FormatTemplate {
        var text = source
        var isTable = false
        if text.hasPrefix("table") {
            isTable = true
            text = String(text.dropFirst("table".count))
            while text.first == " " { text.removeFirst() }
        }
        text = text.replacingOccurrences(of: "\\t", with: "\t").replacingOccurrences(of: "\\n", with: "\n")
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw CommandFailure("invalid --format \"\(source)\": unclosed action (missing \"}}\")")
            }
            var action = rest[open.upperBound..<close.lowerBound]
            if action.hasPrefix("-") { action = action.dropFirst() }
            if action.hasSuffix("-") { action = action.dropLast() }
            pieces.append(try piece(action.trimmingCharacters(in: .whitespaces), source: source))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return FormatTemplate(pieces: pieces, isTable: isTable)
    }

    private static func piece(_ action: String, source: String) throws(CommandFailure) -> Piece {
        let words = action.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func fieldName(_ w: String) -> String? {
            guard w.hasPrefix("."), w.count > 1, w.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
            return String(w.dropFirst())
        }
        if words.count == 1, words[0] == "." { return .json(nil) }
        if words.count == 1, let f = fieldName(words[0]) { return .field(f) }
        if words.count == 2, words[0] == "json" {
            if words[1] == "." { return .json(nil) }
            if let f = fieldName(words[1]) { return .json(f) }
        }
        if words.count == 2, words[0] == ".Label", words[1].count >= 2, words[1].hasPrefix("\""), words[1].hasSuffix("\"") {
            return .label(String(words[1].dropFirst().dropLast()))
        }
        throw CommandFailure("invalid --format \"\(source)\": unsupported action {{\(action)}}; use {{.Field}}, {{json .}}, {{json .Field}} or {{.Label \"key\"}}")
    }

    /// One row of output. `row` has the fields by name (as JSON values) and its whole JSON form.
    func render(fields: [(String, JSONOutput)], labels: [String: String]) throws(CommandFailure) -> String {
        var out = ""
        for p in pieces {
            switch p {
            case .text(let t): out += t
            case .field(let f): out += Self.plain(try value(f, fields))
            case .json(nil): out += JSONOutput.object(fields.sorted { $0.0 < $1.0 }).text
            case .json(let f?): out += try value(f, fields).text
            case .label(let key): out += labels[key] ?? ""
            }
        }
        return out
    }

    /// The header line of a `table` template: each field's column title.
    func header(_ titles: [String: String]) -> String {
        var out = ""
        for p in pieces {
            switch p {
            case .text(let t): out += t
            case .field(let f): out += titles[f] ?? f.uppercased()
            case .json(let f): out += f.map { titles[$0] ?? $0.uppercased() } ?? ""
            case .label(let key): out += key.uppercased()
            }
        }
        return out
    }

    private func value(_ name: String, _ fields: [(String, JSONOutput)]) throws(CommandFailure) -> JSONOutput {
        guard let v = fields.first(where: { $0.0 == name })?.1 else {
            throw CommandFailure("invalid --format: no field \"\(name)\"; available: " + fields.map(\.0).joined(separator: ", "))
        }
        return v
    }

    /// A value as Go's `fmt` prints it: strings bare, slices `[a b]`, structs `{a b}`.
    static func plain(_ v: JSONOutput) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "<nil>"
        case .array(let items): return "[" + items.map(plain).joined(separator: " ") + "]"
        case .object(let fields): return "{" + fields.map { plain($0.1) }.joined(separator: " ") + "}"
        }
    }
}
