#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import YAML

/// `.env` files as Compose reads them (compose-go's `dotenv` parser): `KEY=VALUE` lines, `export `, comments,
/// single quotes literal, double quotes with escapes and `${VAR}` interpolation, multi-line quoted values.
public enum DotEnv {
    /// Parses dotenv text. `lookup` (the OS environment) resolves bare `KEY` lines and wins over earlier keys
    /// of the file when a value refers to `${VAR}`; it never replaces a value written in the file.
    /// Keys keep the order of their first appearance; a repeated key takes the later value.
    public static func parse(_ text: String, file: String, lookup: (String) -> String?) throws(ComposeError) -> [(key: String, value: String)] {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var parser = DotEnvParser(bytes: bytes, file: file)
        return try parser.parse(lookup: lookup)
    }

    /// Reads and parses a file; a missing or unreadable file is a `ComposeError.file` naming the path.
    public static func load(path: String, lookup: (String) -> String?) throws(ComposeError) -> [(key: String, value: String)] {
        let bytes = try readFile(path)
        return try parse(String(decoding: bytes, as: UTF8.self), file: path, lookup: lookup)
    }

    static func readFile(_ path: String) throws(ComposeError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let err = errno
            let reason = String(cString: strerror(err))
            throw .file("cannot read env file \(path): \(reason)",
                        hint: err == ENOENT ? "create the file, or fix the path (relative paths start at the project directory)" : nil)
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw .file("cannot read env file \(path): \(reason)")
            }
            out += chunk[0..<n]
        }
        return out
    }
}

/// The parser proper, over UTF-8 bytes; positions are byte offsets turned into line:column for errors.
struct DotEnvParser {
    let bytes: [UInt8]
    let file: String
    private var lineStarts: [Int] = [0]

    private static let newline = UInt8(ascii: "\n"), hash = UInt8(ascii: "#"), backslash = UInt8(ascii: "\\")
    private static let single = UInt8(ascii: "'"), double = UInt8(ascii: "\"")

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        for (i, b) in bytes.enumerated() where b == Self.newline { lineStarts.append(i + 1) }
    }

    mutating func parse(lookup: (String) -> String?) throws(ComposeError) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        var index: [String: Int] = [:]
        func set(_ key: String, _ value: String) {
            if let i = index[key] { out[i].value = value } else {
                index[key] = out.count
                out.append((key, value))
            }
        }
        // Values refer to the OS environment first, then to earlier keys of this file (compose-go's order).
        let resolve: (String) -> String? = { name in
            if let v = lookup(name) { return v }
            return index[name].map { out[$0].value }
        }
        var pos = 0
        while let start = statementStart(from: pos) {
            let (key, afterKey, inherited) = try keyName(at: start)
            if inherited {
                if let v = lookup(key) { set(key, v) }
                pos = afterKey
                continue
            }
            let (value, rest) = try value(at: afterKey, resolve: resolve)
            set(key, value)
            pos = rest
        }
        return out
    }

    /// Skips blank space and `#` comment lines; nil at the end of the text.
    private func statementStart(from pos: Int) -> Int? {
        var i = pos
        while i < bytes.count {
            let b = bytes[i]
            if Self.isWhitespace(b) {
                i += 1
            } else if b == Self.hash {
                while i < bytes.count, bytes[i] != Self.newline { i += 1 }
            } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0 {
                i += 2  // NEL and NBSP count as space, as in Go's unicode.IsSpace
            } else {
                return i
            }
        }
        return nil
    }

    /// Reads `KEY=`, `KEY:` or a bare `KEY` line. Returns the key, where its value starts, and whether it is bare.
    private func keyName(at start: Int) throws(ComposeError) -> (String, Int, Bool) {
        var i = start
        // `export KEY=...`
        if bytes[i...].starts(with: Array("export".utf8)), i + 6 < bytes.count, Self.isSpace(bytes[i + 6]) {
            i += 6
            while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
        }
        let keyStart = i
        var keyEnd = bytes.count
        var valueStart = bytes.count
        var inherited = true  // a key running to the end of the text is a bare key
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "=") || b == UInt8(ascii: ":") || b == Self.newline {
                keyEnd = i
                valueStart = i + 1
                inherited = b == Self.newline
                break
            }
            if Self.isSpace(b) || Self.isKeyByte(b) {
                i += 1
                continue
            }
            if b >= 0x80, let (scalar, len) = decodeScalar(at: i), scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                i += len
                continue
            }
            let bad = decodeScalar(at: i).map { String($0.0) } ?? "\u{FFFD}"
            throw error("unexpected character \(Self.quoted(bad)) in variable name \(Self.quoted(lineText(from: keyStart)))", at: i,
                        hint: "variable names may contain letters, digits, '_', '.', '-', '[' and ']'")
        }
        var end = keyEnd
        while end > keyStart, Self.isWhitespace(bytes[end - 1]) { end -= 1 }
        let key = String(decoding: bytes[keyStart..<end], as: UTF8.self)
        if bytes[keyStart..<end].contains(where: Self.isSpace) {
            throw error("key cannot contain a space", at: keyStart, hint: "write KEY=VALUE, and quote a value that has spaces")
        }
        if key.isEmpty {
            throw error("empty variable name", at: keyStart, hint: "write KEY=VALUE")
        }
        var v = valueStart
        if !inherited { while v < bytes.count, Self.isSpace(bytes[v]) { v += 1 } }
        return (key, v, inherited)
    }

    /// Reads a value at `start`; returns it and where the next statement may start.
    private func value(at start: Int, resolve: (String) -> String?) throws(ComposeError) -> (String, Int) {
        guard start < bytes.count, bytes[start] == Self.single || bytes[start] == Self.double else {
            // Unquoted: up to the end of the line, minus an inline ` #` comment and trailing space.
            var end = start
            while end < bytes.count, bytes[end] != Self.newline { end += 1 }
            var stop = end
            if let c = (start..<end).first(where: { bytes[$0] == Self.hash && $0 > start && bytes[$0 - 1] == UInt8(ascii: " ") }) {
                stop = c - 1
            }
            while stop > start, Self.isWhitespace(bytes[stop - 1]) { stop -= 1 }
            let raw = Array(bytes[start..<stop])
            return (try expand(raw, at: start, resolve: resolve), end)
        }
        let quote = bytes[start]
        var chars: [UInt8] = []
        var escaped = false
        var i = start + 1
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == quote, !escaped {
                if quote == Self.double {
                    return (try expand(Self.unescape(chars), at: start, resolve: resolve), i)
                }
                return (String(decoding: chars, as: UTF8.self), i)
            }
            if b == Self.backslash, !escaped {
                escaped = true
                continue
            }
            // Only an escaped quote loses its backslash here; other escapes are decoded later (double quotes).
            if escaped, b != quote { chars.append(Self.backslash) }
            escaped = false
            chars.append(b)
        }
        throw error("unterminated quoted value \(lineText(from: start))", at: start,
                    hint: "close the value with \(quote == Self.double ? "\"" : "'")")
    }

    private func expand(_ raw: [UInt8], at offset: Int, resolve: (String) -> String?) throws(ComposeError) -> String {
        var missing: [String] = []
        switch Template(bytes: raw).substitute(0, raw.count, lookup: resolve, missing: &missing) {
        case .success(let out):
            return String(decoding: out, as: UTF8.self)
        case .failure(.invalid):
            throw error("invalid interpolation format: \"\(String(decoding: raw, as: UTF8.self))\"", at: offset,
                        hint: "write $$ for a literal $, or put the value in single quotes")
        case .failure(.required(let name, let reason)):
            throw error("required variable \(name) is missing a value" + (reason.isEmpty ? "" : ": \(reason)"), at: offset)
        }
    }

    /// Double-quoted escapes: \a \b \f \n \r \t \v \\ \" \0ooo, and `\$` → `$$` (a literal `$` after interpolation).
    /// Other backslashes stay as written.
    static func unescape(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let b = s[i]
            guard b == backslash, i + 1 < s.count else {
                out.append(b)
                i += 1
                continue
            }
            let n = s[i + 1]
            let simple: UInt8? = switch n {
            case UInt8(ascii: "a"): 0x07
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            case UInt8(ascii: "v"): 0x0B
            case backslash: backslash
            case double: double
            default: nil
            }
            if let simple {
                out.append(simple)
                i += 2
            } else if n == UInt8(ascii: "$") {
                out += [UInt8(ascii: "$"), UInt8(ascii: "$")]
                i += 2
            } else if n == UInt8(ascii: "0") {
                // `\0` then up to three digits; only exactly three octal digits make a character.
                var j = i + 2
                while j < s.count, j < i + 5, s[j] >= UInt8(ascii: "0"), s[j] <= UInt8(ascii: "9") { j += 1 }
                let digits = s[(i + 2)..<j]
                if digits.count == 3, digits.allSatisfy({ $0 <= UInt8(ascii: "7") }) {
                    let v = digits.reduce(0) { $0 * 8 + Int($1 - UInt8(ascii: "0")) }
                    if v < 256, let scalar = Unicode.Scalar(UInt32(v)) {
                        out += Array(String(Character(scalar)).utf8)
                        i = j
                        continue
                    }
                }
                // compose-go drops the `0` before reading the rest as a Go octal escape, also when that fails.
                out.append(backslash)
                out += digits
                i = j
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    // MARK: characters and positions

    /// Space that is not a line break (Go's dotenv `isSpace`, ASCII part).
    static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == 0x09 || b == 0x0B || b == 0x0C || b == 0x0D
    }

    static func isWhitespace(_ b: UInt8) -> Bool { isSpace(b) || b == newline }

    static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]")
    }

    /// Quoted like Go's `%q`, as compose-go prints names in its errors.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    private func decodeScalar(at i: Int) -> (Unicode.Scalar, Int)? {
        var it = bytes[i...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let s) = decoder.decode(&it) else { return nil }
        return (s, UTF8.width(s))
    }

    private func lineText(from i: Int) -> String {
        var end = i
        while end < bytes.count, bytes[end] != Self.newline { end += 1 }
        return String(decoding: bytes[i..<end], as: UTF8.self)
    }

    func mark(at offset: Int) -> Mark {
        // Last line start <= offset (binary search).
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        let end = min(offset, bytes.count)
        let column = start < end ? bytes[start..<end].filter { $0 & 0xC0 != 0x80 }.count + 1 : 1
        return Mark(file: file, line: lo + 1, column: column)
    }

    private func error(_ message: String, at offset: Int, hint: String? = nil) -> ComposeError {
        let m = mark(at: offset)
        return .dotenv("line \(m.line): \(message)", at: m, hint: hint)
    }
}
