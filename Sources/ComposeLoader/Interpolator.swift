public import YAML

/// Compose variable substitution (`$VAR`, `${VAR:-default}`, ...), as compose-go's `template` package does it.
///
/// Pure: the only input besides the text is `lookup`, so the caller decides what the environment is.
public struct Interpolator: Sendable {
    /// A variable used without a default and not set: compose warns and substitutes "".
    public struct Missing: Sendable, Hashable, CustomStringConvertible {
        public var name: String
        public var mark: Mark?
        public var path: String

        public init(name: String, mark: Mark?, path: String) {
            self.name = name
            self.mark = mark
            self.path = path
        }

        public var description: String {
            "\(mark.map { "\($0): " } ?? "")The \"\(name)\" variable is not set. Defaulting to a blank string."
        }
    }

    let lookup: @Sendable (String) -> String?

    public init(lookup: @escaping @Sendable (String) -> String?) {
        self.lookup = lookup
    }

    /// $VAR ${VAR} ${VAR:-d} ${VAR-d} ${VAR:?err} ${VAR?err} ${VAR:+alt} ${VAR+alt}, nested, `$$` → `$`.
    public func interpolate(_ s: String, at mark: Mark?, path: String) throws(ComposeError) -> String {
        var missing: [Missing] = []
        return try interpolate(s, at: mark, path: path, missing: &missing)
    }

    /// Same, and appends the variables used without a value to `missing`.
    public func interpolate(_ s: String, at mark: Mark?, path: String, missing: inout [Missing]) throws(ComposeError) -> String {
        try interpolate(s, at: mark, path: { path }, missing: &missing)
    }

    /// `path` is built only for a message or a missing variable: a tree walk interpolates thousands of values.
    func interpolate(_ s: String, at mark: Mark?, path: () -> String, missing: inout [Missing]) throws(ComposeError) -> String {
        // Fast path: most values have no `$`.
        guard Self.hasDollar(s) else { return s }
        let bytes = Array(s.utf8)
        var names: [String] = []
        switch Template(bytes: bytes).substitute(0, bytes.count, lookup: lookup, missing: &names) {
        case .success(let out):
            if !names.isEmpty {
                let path = path()
                missing += names.map { Missing(name: $0, mark: mark, path: path) }
            }
            return String(decoding: out, as: UTF8.self)
        case .failure(.invalid):
            let path = path()
            throw .interpolation("invalid interpolation format for \(path): \"\(s)\"; you may need to escape any $ with another $",
                                 at: mark, path: path, hint: "write $$ for a literal $")
        case .failure(.required(let name, let reason)):
            let message = "required variable \(name) is missing a value" + (reason.isEmpty ? "" : ": \(reason)")
            throw .interpolation(message, at: mark, path: path(), hint: "set \(name) in the environment or in the .env file")
        }
    }

    /// Whether `s` holds a `$`: every scalar of a file is checked.
    static func hasDollar(_ s: String) -> Bool { s.containsByte(UInt8(ascii: "$")) }
}

/// The substitution engine over UTF-8 bytes (every syntax character is ASCII, so byte offsets are safe).
///
/// It reads templates as compose-go v2's `template` package does: `$$` is a `$`; `$NAME`; `${NAME}`;
/// `${NAME<op>arg}` runs to the last `}` of the line and ends at the first balanced `}` in it (every `{` opens
/// a level), the text after that brace being read on its own; the argument is substituted only when used.
/// A `$` before anything else stays as it is; a `${` that starts no valid template is an error.
struct Template {
    enum Failure: Error {
        case invalid
        case required(name: String, reason: String)
    }

    let bytes: [UInt8]

    private static let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
    private static let newline = UInt8(ascii: "\n"), colon = UInt8(ascii: ":")

    static func isNameStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    static func isOperator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "-") || c == UInt8(ascii: "?") || c == UInt8(ascii: "+")
    }

    /// Substitutes `bytes[start..<end]`; names used without a value are appended to `missing`.
    func substitute(_ start: Int, _ end: Int, lookup: (String) -> String?, missing: inout [String]) -> Result<[UInt8], Failure> {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let c = bytes[i]
            guard c == Self.dollar, i + 1 < end else {
                out.append(c)
                i += 1
                continue
            }
            let n = bytes[i + 1]
            if n == Self.dollar {
                out.append(Self.dollar)
                i += 2
            } else if Self.isNameStart(n) {
                var j = i + 2
                while j < end, Self.isNameChar(bytes[j]) { j += 1 }
                let name = string(i + 1, j)
                if let v = lookup(name) { out += v.utf8 } else { missing.append(name) }
                i = j
            } else if n == Self.open {
                switch braced(at: i, end, lookup: lookup, missing: &missing) {
                case .success(let (v, next)):
                    out += v
                    i = next
                case .failure(let f):
                    return .failure(f)
                }
            } else {
                out.append(c)
                i += 1
            }
        }
        return .success(out)
    }

    /// The template `${...}` at `start`: its value and the index after it.
    private func braced(at start: Int, _ end: Int, lookup: (String) -> String?, missing: inout [String]) -> Result<([UInt8], Int), Failure> {
        let nameStart = start + 2
        guard nameStart < end, Self.isNameStart(bytes[nameStart]) else { return .failure(.invalid) }
        var k = nameStart + 1
        while k < end, Self.isNameChar(bytes[k]) { k += 1 }
        let name = string(nameStart, k)
        guard k < end else { return .failure(.invalid) }
        if bytes[k] == Self.close {
            let value = lookup(name)
            if value == nil { missing.append(name) }
            return .success((Array((value ?? "").utf8), k + 1))
        }
        var opAt = k
        let colon = bytes[opAt] == Self.colon
        if colon { opAt += 1 }
        guard opAt < end, Self.isOperator(bytes[opAt]) else { return .failure(.invalid) }
        // The match runs to the last `}` of the line...
        var lineEnd = opAt + 1
        while lineEnd < end, bytes[lineEnd] != Self.newline { lineEnd += 1 }
        guard let last = (opAt + 1..<lineEnd).last(where: { bytes[$0] == Self.close }) else { return .failure(.invalid) }
        // ...and the template ends at its first balanced `}`; the text after it is read on its own.
        let head = closingBrace(start, last + 1) ?? last
        var value: [UInt8]
        switch operate(name: name, colon: colon, op: bytes[opAt], arg: (opAt + 1, head), lookup: lookup, missing: &missing) {
        case .success(let v): value = v
        case .failure(let f): return .failure(f)
        }
        if head < last {
            switch substitute(head + 1, last + 1, lookup: lookup, missing: &missing) {
            case .success(let v): value += v
            case .failure(let f): return .failure(f)
            }
        }
        return .success((value, last + 1))
    }

    /// compose-go's brace count: every `{` opens a level and the byte after it is skipped.
    private func closingBrace(_ start: Int, _ end: Int) -> Int? {
        var depth = 0
        var i = start
        while i < end {
            if bytes[i] == Self.close {
                depth -= 1
                if depth == 0 { return i }
            } else if bytes[i] == Self.open {
                depth += 1
                i += 1
            }
            i += 1
        }
        return nil
    }

    /// `-` default, `+` alternative, `?` required; with `:` an empty value counts as unset.
    /// The argument is substituted only when it is used.
    private func operate(name: String, colon: Bool, op: UInt8, arg: (Int, Int), lookup: (String) -> String?,
                         missing: inout [String]) -> Result<[UInt8], Failure> {
        let value = lookup(name)
        let isSet = value.map { !colon || !$0.isEmpty } ?? false
        switch op {
        case UInt8(ascii: "-"):
            if isSet { return .success(Array((value ?? "").utf8)) }
            return substitute(arg.0, arg.1, lookup: lookup, missing: &missing)
        case UInt8(ascii: "+"):
            if isSet { return substitute(arg.0, arg.1, lookup: lookup, missing: &missing) }
            return .success(Array((value ?? "").utf8))
        default:
            if isSet { return .success(Array((value ?? "").utf8)) }
            switch substitute(arg.0, arg.1, lookup: lookup, missing: &missing) {
            case .success(let reason): return .failure(.required(name: name, reason: String(decoding: reason, as: UTF8.self)))
            case .failure(let f): return .failure(f)
            }
        }
    }

    private func string(_ a: Int, _ b: Int) -> String {
        String(decoding: bytes[a..<b], as: UTF8.self)
    }
}
