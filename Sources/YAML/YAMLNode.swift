/// A position in a source file, 1-based, as users read it in an editor.
///
/// Every node carries one, so it is kept small: the file name is an index into a process-wide
/// table (no string to copy or retain per node), line and column are 32-bit.
public struct Mark: Sendable, Hashable, CustomStringConvertible {
    private var fileID: UInt32
    private var line32: Int32
    private var column32: Int32

    public init(file: String, line: Int, column: Int) {
        self.fileID = FileNames.shared.id(for: file)
        self.line32 = Int32(clamping: line)
        self.column32 = Int32(clamping: column)
    }

    /// Same file as `other`, without a table lookup.
    init(sameFileAs other: Mark, line: Int, column: Int) {
        self.fileID = other.fileID
        self.line32 = Int32(clamping: line)
        self.column32 = Int32(clamping: column)
    }

    public var file: String {
        get { FileNames.shared.name(fileID) }
        set { fileID = FileNames.shared.id(for: newValue) }
    }
    public var line: Int {
        get { Int(line32) }
        set { line32 = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(column32) }
        set { column32 = Int32(clamping: newValue) }
    }

    public var description: String { "\(file):\(line):\(column)" }
}

public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A YAML node with its source position. Aliases are already expanded and merge keys applied.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(String, ScalarStyle)
        case mapping([Entry])
        case sequence([YAMLNode])
    }

    public struct Entry: Sendable {
        public var key: YAMLNode
        public var value: YAMLNode
        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var kind: Kind
    /// Explicit tag as written (`!reset`, `!override`, `!!str`), nil when none.
    public var tag: String?
    public var mark: Mark

    public init(_ kind: Kind, tag: String? = nil, mark: Mark) {
        self.kind = kind
        self.tag = tag
        self.mark = mark
    }
}

extension YAMLNode {
    public static func scalar(_ value: String, style: ScalarStyle = .plain, mark: Mark) -> YAMLNode {
        YAMLNode(.scalar(value, style), mark: mark)
    }

    public var isNull: Bool {
        guard case .scalar(let v, .plain) = kind, tag == nil || tag == "tag:yaml.org,2002:null" || tag == "!!null" else { return false }
        // By length first: checked for most nodes, and most are not null.
        switch v.utf8.count {
        case 0: return true
        case 1: return v == "~"
        case 4: return v == "null" || v == "Null" || v == "NULL"
        default: return false
        }
    }

    public var scalarValue: String? {
        if case .scalar(let v, _) = kind { return v }
        return nil
    }

    public var entries: [Entry]? {
        if case .mapping(let e) = kind { return e }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let s) = kind { return s }
        return nil
    }

    /// The value for a scalar key in a mapping.
    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key.scalarValue == key }?.value
    }

    /// Whether a plain scalar is a YAML 1.1 boolean / number / null, i.e. not a string to a YAML reader.
    public var isPlainString: Bool {
        guard case .scalar(let v, let style) = kind else { return false }
        return style != .plain || tag != nil || !YAMLNode.resolvesToNonString(v)
    }

    public var kindName: String {
        switch kind {
        case .scalar: return isNull ? "null" : "string"
        case .mapping: return "mapping"
        case .sequence: return "sequence"
        }
    }

    /// YAML 1.1 implicit resolution, used to decide when an output string must be quoted.
    public static func resolvesToNonString(_ v: String) -> Bool {
        // This runs for every string written: ASCII text (one byte per Character) is read as bytes,
        // without String comparisons; anything else takes the Character path.
        if let ascii = v.utf8.withContiguousStorageIfAvailable(resolvesToNonString(ascii:)), let answer = ascii { return answer }
        return resolvesToNonString(characters: v)
    }

    /// `resolvesToNonString` of a text's UTF-8 bytes; nil when the bytes leave it to the Character path
    /// (a non-ASCII byte in a text that starts like a special form).
    public static func resolvesToNonString(ascii b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let first = b.first else { return true }
        // Fast path: every special form starts with one of these bytes; most strings do not.
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "y"), UInt8(ascii: "Y"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"),
             UInt8(ascii: "O"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            // The Character path answers the same for any text that starts so.
            return false
        }
        for c in b where c >= 0x80 { return nil }
        if b.count <= 5 {
            for w in nonStringWords where w.count == b.count && w.elementsEqual(b) { return true }
        }
        var s = b[...]
        if s.first == UInt8(ascii: "-") || s.first == UInt8(ascii: "+") { s = s.dropFirst() }
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        guard let f = s.first, isDigit(f) || f == UInt8(ascii: ".") else { return false }
        // Numbers: digits with optional '.', '_', ':' (sexagesimal), exponent, 0x/0o/0b.
        if s.count >= 2, f == UInt8(ascii: "0") {
            let c = s[s.startIndex + 1]
            if c == UInt8(ascii: "x") || c == UInt8(ascii: "o") || c == UInt8(ascii: "b") { return true }
        }
        return s.allSatisfy {
            isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "e")
                || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+")
        }
    }

    /// At most 5 bytes each.
    private static let nonStringWords: [[UInt8]] = [
        "~", "null", "Null", "NULL",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN",
    ].map { Array($0.utf8) }

    private static func resolvesToNonString(characters v: String) -> Bool {
        switch v {
        case "~", "null", "Null", "NULL",
             "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
             "true", "True", "TRUE", "false", "False", "FALSE",
             "on", "On", "ON", "off", "Off", "OFF",
             ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN":
            return true
        default: break
        }
        var s = Substring(v)
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        guard let f = s.first, f.isASCII, f.isNumber || f == "." else { return false }
        // Numbers: digits with optional '.', '_', ':' (sexagesimal), exponent, 0x/0o/0b.
        if s.hasPrefix("0x") || s.hasPrefix("0o") || s.hasPrefix("0b") { return true }
        return s.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "_" || $0 == ":" || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+") }
    }
}
