/// A minimal ustar writer: one file with its parent directories, for `PUT /containers/{id}/archive`.
public enum TarArchive {
    /// `path` is absolute (`/run/secrets/pw`); the archive extracts at `/`.
    public static func single(path: String, content: [UInt8], mode: Int, uid: Int, gid: Int) -> [UInt8] {
        var out: [UInt8] = []
        let parts = path.split(separator: "/").map(String.init)
        var dir = ""
        for part in parts.dropLast() {
            dir += part + "/"
            out += header(name: dir, size: 0, mode: 0o755, uid: 0, gid: 0, type: UInt8(ascii: "5"))
        }
        out += header(name: parts.joined(separator: "/"), size: content.count, mode: mode, uid: uid, gid: gid,
                      type: UInt8(ascii: "0"))
        out += content
        out += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
        out += [UInt8](repeating: 0, count: 1024)  // end of archive
        return out
    }

    static func header(name: String, size: Int, mode: Int, uid: Int, gid: Int, type: UInt8) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int, width: Int) {
            for (i, b) in bytes.prefix(width).enumerated() { h[offset + i] = b }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        var nameBytes = Array(name.utf8)
        if nameBytes.count > 100, let slash = nameBytes.prefix(155).lastIndex(of: UInt8(ascii: "/")) {
            put(Array(nameBytes[..<slash]), at: 345, width: 155)  // ustar prefix
            nameBytes = Array(nameBytes[(slash + 1)...])
        }
        put(nameBytes, at: 0, width: 100)
        put(octal(mode, width: 8), at: 100, width: 8)
        put(octal(uid, width: 8), at: 108, width: 8)
        put(octal(gid, width: 8), at: 116, width: 8)
        put(octal(size, width: 12), at: 124, width: 12)
        put(octal(0, width: 12), at: 136, width: 12)
        h[156] = type
        put(Array("ustar".utf8) + [0], at: 257, width: 6)
        put(Array("00".utf8), at: 263, width: 2)
        for i in 148..<156 { h[i] = UInt8(ascii: " ") }
        let sum = h.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 7) + [UInt8(ascii: " ")], at: 148, width: 8)
        return h
    }
}
