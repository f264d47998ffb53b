/// The built-in schema's JSON as a value, read by a small byte parser: every command compiles the
/// schema, and Foundation's JSONSerialization with the `Any` casts after it took 17 M instructions,
/// a third of a `config` of 50 services. Only what the schema text needs: RFC 8259 JSON, UTF-8.
enum SchemaJSON: Equatable {
    /// Members in the text's order.
    case object([(key: String, value: SchemaJSON)])
    case array([SchemaJSON])
    case string(String)
    /// The number as written, so an enum value reads as the file would hold it.
    case number(String)
    case bool(Bool)
    case null

    static func == (a: SchemaJSON, b: SchemaJSON) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): return x.elementsEqual(y) { $0.key == $1.key && $0.value == $1.value }
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)), (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    struct SyntaxError: Error, CustomStringConvertible {
        let offset: Int
        var description: String { "invalid JSON at byte \(offset)" }
    }

    static func parse(_ text: String) throws(SyntaxError) -> SchemaJSON {
        return try Array(text.utf8).withUnsafeBufferPointer { bytes throws(SyntaxError) in
            var reader = Reader(bytes: bytes)
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.at == bytes.count else { throw SyntaxError(offset: reader.at) }
            return value
        }
    }

    subscript(key: String) -> SchemaJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
        }

        mutating func expect(_ word: StaticString) throws(SyntaxError) {
            let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            guard at + w.count <= bytes.count, bytes[at..<at + w.count].elementsEqual(w) else { throw SyntaxError(offset: at) }
            at += w.count
        }

        mutating func value(depth: Int) throws(SyntaxError) -> SchemaJSON {
            skipSpace()
            guard at < bytes.count, depth < 256 else { throw SyntaxError(offset: at) }
            switch bytes[at] {
            case UInt8(ascii: "{"):
                at += 1
                var members: [(key: String, value: SchemaJSON)] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard at < bytes.count else { throw SyntaxError(offset: at) }
                    at += 1
                    if bytes[at - 1] == UInt8(ascii: "}") { return .object(members) }
                    guard bytes[at - 1] == UInt8(ascii: ",") else { throw SyntaxError(offset: at - 1) }
                }
            case UInt8(ascii: "["):
                at += 1
                var items: [SchemaJSON] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard at < bytes.count else { throw SyntaxError(offset: at) }
                    at += 1
                    if bytes[at - 1] == UInt8(ascii: "]") { return .array(items) }
                    guard bytes[at - 1] == UInt8(ascii: ",") else { throw SyntaxError(offset: at - 1) }
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            default:
                let start = at
                while at < bytes.count, "+-.eE0123456789".utf8.contains(bytes[at]) { at += 1 }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                guard Double(text) != nil else { throw SyntaxError(offset: start) }
                return .number(text)
            }
        }

        mutating func string() throws(SyntaxError) -> String {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw SyntaxError(offset: at) }
            at += 1
            let start = at
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") { at += 1 }
            guard at < bytes.count else { throw SyntaxError(offset: at) }
            if bytes[at] == UInt8(ascii: "\"") {
                at += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at - 1]), as: UTF8.self)
            }
            // Escapes: rare in the schema (patterns), so the slow path copies.
            var out = Array(bytes[start..<at])
            while at < bytes.count {
                let c = bytes[at]
                at += 1
                switch c {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard at < bytes.count else { throw SyntaxError(offset: at) }
                    let e = bytes[at]
                    at += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            // A surrogate pair: the low half follows as another \u escape.
                            try expect("\\u")
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw SyntaxError(offset: at) }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { throw SyntaxError(offset: at) }
                        out += Array(String(Character(u)).utf8)
                    default:
                        throw SyntaxError(offset: at - 1)
                    }
                default:
                    out.append(c)
                }
            }
            throw SyntaxError(offset: at)
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard at + 4 <= bytes.count,
                  let v = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + 4]), as: UTF8.self), radix: 16)
            else { throw SyntaxError(offset: at) }
            at += 4
            return v
        }
    }
}
