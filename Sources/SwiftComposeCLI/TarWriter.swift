/// Encodes entries as a POSIX ustar archive. Names or link targets too long for the header go in a
/// PAX extended header first, which the daemon's Go reader understands.
struct TarWriter: Sendable {
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func append(_ entry: TarEntry) {
        var path = entry.path
        if entry.kind == .directory && !path.hasSuffix("/") { path += "/" }
        let split = Self.splitName(path)
        var pax: [(String, String)] = []
        if split == nil { pax.append(("path", path)) }
        if entry.linkTarget.utf8.count > 100 { pax.append(("linkpath", entry.linkTarget)) }
        if !pax.isEmpty {
            var records: [UInt8] = []
            for (key, value) in pax { records += Self.paxRecord(key, value) }
            appendHeader(name: "PaxHeaders/" + String(path.suffix(80)), prefix: "", type: UInt8(ascii: "x"),
                         mode: 0o644, uid: 0, gid: 0, size: records.count, mtime: entry.mtime, link: "")
            appendData(records)
        }
        let type: UInt8
        switch entry.kind {
        case .file: type = UInt8(ascii: "0")
        case .directory: type = UInt8(ascii: "5")
        case .symlink: type = UInt8(ascii: "2")
        case .hardlink: type = UInt8(ascii: "1")
        case .other(let t): type = t
        }
        // With a PAX path the header name is only a fallback for readers without PAX support.
        let (prefix, name) = split ?? ("", String(decoding: Array(path.utf8.suffix(100)), as: UTF8.self))
        let size = entry.kind == .file ? entry.data.count : 0
        appendHeader(name: name, prefix: prefix, type: type, mode: entry.mode, uid: entry.uid, gid: entry.gid,
                     size: size, mtime: entry.mtime, link: String(decoding: Array(entry.linkTarget.utf8.prefix(100)), as: UTF8.self))
        if size > 0 { appendData(entry.data) }
    }

    /// Two zero blocks end the archive.
    mutating func finish() -> [UInt8] {
        bytes += [UInt8](repeating: 0, count: 1024)
        return bytes
    }

    /// (prefix, name) fitting ustar's 155 + 100 bytes, split at a `/`; nil when impossible.
    static func splitName(_ path: String) -> (String, String)? {
        let utf8 = Array(path.utf8)
        if utf8.count <= 100 { return ("", path) }
        if utf8.count > 256 { return nil }
        for i in stride(from: min(utf8.count - 1, 155), through: 1, by: -1) where utf8[i] == UInt8(ascii: "/") {
            let name = Array(utf8[(i + 1)...])
            if name.count <= 100 && !name.isEmpty {
                return (String(decoding: utf8[..<i], as: UTF8.self), String(decoding: name, as: UTF8.self))
            }
        }
        return nil
    }

    /// "<len> key=value\n", where len counts the whole record including its own digits.
    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        let base = body.utf8.count
        var length = base + String(base).count
        if String(length).count != String(base).count { length = base + String(length).count }
        return Array((String(length) + body).utf8)
    }

    private mutating func appendHeader(name: String, prefix: String, type: UInt8, mode: UInt32, uid: Int, gid: Int,
                                       size: Int, mtime: Int, link: String) {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (i, b) in text.utf8.prefix(width).enumerated() { h[offset + i] = b }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            // width-1 digits and a NUL; values too large for that use the base-256 form.
            let digits = String(value, radix: 8)
            if value >= 0 && digits.count <= width - 1 {
                put(String(repeating: "0", count: width - 1 - digits.count) + digits, at: offset, width: width - 1)
            } else {
                var v = UInt64(truncatingIfNeeded: value)
                for i in stride(from: width - 1, through: 1, by: -1) {
                    h[offset + i] = UInt8(v & 0xff)
                    v >>= 8
                }
                h[offset] = 0x80
            }
        }
        put(name, at: 0, width: 100)
        octal(Int(mode & 0o7777), at: 100, width: 8)
        octal(uid, at: 108, width: 8)
        octal(gid, at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(mtime, at: 136, width: 12)
        h[156] = type
        put(link, at: 157, width: 100)
        put("ustar\u{0}00", at: 257, width: 8)
        put(prefix, at: 345, width: 155)
        for i in 148..<156 { h[i] = UInt8(ascii: " ") }
        let sum = h.reduce(0) { $0 + Int($1) }
        let text = String(sum, radix: 8)
        put(String(repeating: "0", count: max(0, 6 - text.count)) + text, at: 148, width: 6)
        h[154] = 0
        h[155] = UInt8(ascii: " ")
        bytes += h
    }

    private mutating func appendData(_ data: [UInt8]) {
        bytes += data
        let pad = (512 - data.count % 512) % 512
        if pad > 0 { bytes += [UInt8](repeating: 0, count: pad) }
    }
}
