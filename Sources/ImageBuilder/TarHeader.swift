/// Encodes tar headers: ustar when the fields fit, with a pax extended header in front for what does not
/// (long or non-ASCII names and link targets, sizes of 8 GiB and more), as Go's archive/tar does.
public enum TarHeader {
    public static let blockSize = 512

    /// Header block(s) for one entry: an optional pax header (with its records) then the ustar header.
    public static func encode(_ entry: TarEntry) -> [UInt8] {
        var name = entry.name
        if entry.kind == .directory && !name.hasSuffix("/") { name += "/" }
        var pax: [(String, String)] = []

        var nameField = name
        var prefixField = ""
        if !fitsUstar(name, 100) {
            if let (prefix, rest) = splitUstarName(name) {
                prefixField = prefix
                nameField = rest
            } else {
                pax.append(("path", name))
                nameField = truncatedASCII(name, 100)
            }
        }
        var linkField = ""
        switch entry.kind {
        case .symlink(let target), .hardlink(let target):
            if fitsUstar(target, 100) {
                linkField = target
            } else {
                pax.append(("linkpath", target))
                linkField = truncatedASCII(target, 100)
            }
        default: break
        }
        let size = entry.size
        var sizeField = size
        if size > maxOctal11 {
            pax.append(("size", String(size)))
            sizeField = 0
        }
        var mtime = entry.modificationTime
        if mtime < 0 || mtime > maxOctal11 {
            pax.append(("mtime", String(mtime)))
            mtime = 0
        }
        var uid = entry.uid, gid = entry.gid
        if uid < 0 || uid > maxOctal7 { pax.append(("uid", String(uid))); uid = 0 }
        if gid < 0 || gid > maxOctal7 { pax.append(("gid", String(gid))); gid = 0 }

        var out: [UInt8] = []
        if !pax.isEmpty {
            let records = paxRecords(pax)
            let paxName = truncatedASCII("PaxHeaders.0/" + baseName(name), 100)
            out += block(name: paxName, prefix: "", mode: 0o644, uid: 0, gid: 0, size: Int64(records.count),
                         mtime: mtime, typeflag: UInt8(ascii: "x"), linkname: "")
            out += records
            out += padding(Int64(records.count))
        }
        let typeflag: UInt8
        var mode = entry.mode & 0o7777
        switch entry.kind {
        case .file: typeflag = UInt8(ascii: "0"); mode |= 0o100000
        case .directory: typeflag = UInt8(ascii: "5"); mode |= 0o040000
        case .symlink: typeflag = UInt8(ascii: "2"); mode |= 0o120000
        case .hardlink: typeflag = UInt8(ascii: "1"); mode |= 0o100000
        }
        out += block(name: nameField, prefix: prefixField, mode: mode, uid: uid, gid: gid, size: sizeField,
                     mtime: mtime, typeflag: typeflag, linkname: linkField)
        return out
    }

    /// Zeros that round `size` bytes of data up to a whole block.
    public static func padding(_ size: Int64) -> [UInt8] {
        let rest = Int(size % Int64(blockSize))
        return rest == 0 ? [] : [UInt8](repeating: 0, count: blockSize - rest)
    }

    /// The two zero blocks that end an archive.
    public static var endOfArchive: [UInt8] { [UInt8](repeating: 0, count: 2 * blockSize) }

    static let maxOctal11: Int64 = 0o77777777777
    static let maxOctal7 = 0o7777777

    /// pax records: "<len> key=value\n", where len counts the whole record including its own digits.
    static func paxRecords(_ records: [(String, String)]) -> [UInt8] {
        var out: [UInt8] = []
        for (key, value) in records {
            let body = " \(key)=\(value)\n"
            let bodyLength = body.utf8.count
            var length = bodyLength
            while bodyLength + String(length).count != length { length = bodyLength + String(length).count }
            out += Array("\(length)\(body)".utf8)
        }
        return out
    }

    static func fitsUstar(_ s: String, _ limit: Int) -> Bool {
        let bytes = s.utf8
        return bytes.count <= limit && bytes.allSatisfy { $0 < 0x80 && $0 != 0 }
    }

    /// Splits a long ASCII name at a slash into prefix (≤155) and name (≤100), as ustar allows.
    static func splitUstarName(_ name: String) -> (String, String)? {
        let bytes = Array(name.utf8)
        guard bytes.count <= 256, bytes.allSatisfy({ $0 < 0x80 && $0 != 0 }) else { return nil }
        // The split slash is dropped; the prefix is as long as possible (≤155).
        var i = min(bytes.count - 1, 155)
        while i > 0 {
            if bytes[i] == UInt8(ascii: "/") {
                let rest = bytes.count - i - 1
                if rest == 0 { i -= 1; continue }  // a directory's trailing slash
                if rest <= 100 {
                    return (String(decoding: bytes[..<i], as: UTF8.self), String(decoding: bytes[(i + 1)...], as: UTF8.self))
                }
                return nil
            }
            i -= 1
        }
        return nil
    }

    static func truncatedASCII(_ s: String, _ limit: Int) -> String {
        var bytes = Array(s.utf8).map { $0 < 0x80 && $0 != 0 ? $0 : UInt8(ascii: "_") }
        if bytes.count > limit { bytes = Array(bytes.prefix(limit)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func baseName(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    }

    static func block(name: String, prefix: String, mode: UInt32, uid: Int, gid: Int, size: Int64, mtime: Int64,
                      typeflag: UInt8, linkname: String) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: blockSize)
        func put(_ s: String, _ offset: Int, _ length: Int) {
            for (i, byte) in s.utf8.prefix(length).enumerated() { b[offset + i] = byte }
        }
        func octal(_ value: Int64, _ offset: Int, _ length: Int) {
            // length-1 digits, zero-padded, then NUL.
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits, offset, length - 1)
        }
        put(name, 0, 100)
        octal(Int64(mode), 100, 8)
        octal(Int64(uid), 108, 8)
        octal(Int64(gid), 116, 8)
        octal(size, 124, 12)
        octal(mtime, 136, 12)
        for i in 148..<156 { b[i] = UInt8(ascii: " ") }
        b[156] = typeflag
        put(linkname, 157, 100)
        put("ustar", 257, 6)  // "ustar\0"
        put("00", 263, 2)
        octal(0, 329, 8)  // devmajor
        octal(0, 337, 8)  // devminor
        put(prefix, 345, 155)
        let sum = b.reduce(0) { $0 + Int($1) }
        let digits = String(sum, radix: 8)
        put(String(repeating: "0", count: max(0, 6 - digits.count)) + digits, 148, 6)
        b[154] = 0
        b[155] = UInt8(ascii: " ")
        return b
    }
}
