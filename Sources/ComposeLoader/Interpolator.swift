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
            "\(mark.map { "\($0): " } ?? "")the \"\(name)\" variable is not set. Defaulting to a blank string."
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
        // Fast path: most values have no `$`.
        guard s.utf8.contains(UInt8(ascii: "$")) else { return s }
        let bytes = Array(s.utf8)
        var names: [String] = []
        switch Template(bytes: bytes).substitute(0, bytes.count, lookup: lookup, missing: &names) {
        case .success(let out):
            missing += names.map { Missing(name: $0, mark: mark, path: path) }
            return String(decoding: out, as: UTF8.self)
        case .failure(.invalid):
            throw .interpolation("invalid interpolation format for \(path): \"\(s)\"; you may need to escape any $ with another $",
                                 at: mark, path: path, hint: "write $$ for a literal $")
        case .failure(.required(let name, let reason)):
            let message = "required variable \(name) is missing a value" + (reason.isEmpty ? "" : ": \(reason)")
            throw .interpolation(message, at: mark, path: path, hint: "set \(name) in the environment or in the .env file")
        }
    }
}

/// The substitution engine over UTF-8 bytes (every syntax character is ASCII, so byte offsets are safe).
struct Template {
    enum Failure: Error {
        case invalid
        case required(name: String, reason: String)
    }

    let bytes: [UInt8]

    private static let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")

    static func isNameStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "_") || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    /// Substitutes `bytes[start..<end]`; names used without a value are appended to `missing`.
    func substitute(_ start: Int, _ end: Int, lookup: (String) -> String?, missing: inout [String]) -> Result<[UInt8], Failure> {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let c = bytes[i]
            guard c == Self.dollar else {
                out.append(c)
                i += 1
                continue
            }
            // compose-go rejects a `$` that starts nothing valid (`$1`, `$(`, a trailing `$`).
            guard i + 1 < end else { return .failure(.invalid) }
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
                guard let closeAt = closingBrace(from: i, end: end) else { return .failure(.invalid) }
                switch braced(i + 2, closeAt, lookup: lookup, missing: &missing) {
                case .success(let v): out += v
                case .failure(let f): return .failure(f)
                }
                i = closeAt + 1
            } else {
                return .failure(.invalid)
            }
        }
        return .success(out)
    }

    /// Index of the `}` closing the `${` at `start`; only `${` opens a level, as in compose-go.
    private func closingBrace(from start: Int, end: Int) -> Int? {
        var depth = 0
        var i = start
        while i < end {
            if bytes[i] == Self.close {
                depth -= 1
                if depth == 0 { return i }
            } else if bytes[i] == Self.dollar, i + 1 < end, bytes[i + 1] == Self.open {
                depth += 1
                i += 1
            }
            i += 1
        }
        return nil
    }

    /// The inside of `${...}`: a name, then optionally `:-` `-` `:?` `?` `:+` `+` and an argument.
    private func braced(_ start: Int, _ end: Int, lookup: (String) -> String?, missing: inout [String]) -> Result<[UInt8], Failure> {
        guard start < end, Self.isNameStart(bytes[start]) else { return .failure(.invalid) }
        var k = start + 1
        while k < end, Self.isNameChar(bytes[k]) { k += 1 }
        let name = string(start, k)
        let value = lookup(name)
        if k == end {
            if value == nil { missing.append(name) }
            return .success(Array((value ?? "").utf8))
        }
        var colon = false
        var opAt = k
        if bytes[opAt] == UInt8(ascii: ":") {
            colon = true
            opAt += 1
            guard opAt < end else { return .failure(.invalid) }
        }
        let op = bytes[opAt]
        guard op == UInt8(ascii: "-") || op == UInt8(ascii: "?") || op == UInt8(ascii: "+") else { return .failure(.invalid) }
        // The argument is substituted first, as compose-go does (so errors in it surface even when unused),
        // but its missing variables only count when the argument is used.
        var argMissing: [String] = []
        let arg: [UInt8]
        switch substitute(opAt + 1, end, lookup: lookup, missing: &argMissing) {
        case .success(let a): arg = a
        case .failure(let f): return .failure(f)
        }
        // `:` forms treat an empty value like an unset one.
        let isSet = value.map { !colon || !$0.isEmpty } ?? false
        switch op {
        case UInt8(ascii: "-"):
            if isSet { return .success(Array((value ?? "").utf8)) }
            missing += argMissing
            return .success(arg)
        case UInt8(ascii: "+"):
            guard isSet else { return .success([]) }
            missing += argMissing
            return .success(arg)
        default:
            if isSet { return .success(Array((value ?? "").utf8)) }
            return .failure(.required(name: name, reason: String(decoding: arg, as: UTF8.self)))
        }
    }

    private func string(_ a: Int, _ b: Int) -> String {
        String(decoding: bytes[a..<b], as: UTF8.self)
    }
}
