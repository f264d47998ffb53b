/// Decodes a tar stream fed in arbitrary chunks: ustar (with prefix), PAX extended headers
/// (`path`, `linkpath`, `size`) and GNU long names, which is what the daemon's archive endpoint sends.
/// Each entry is returned once its contents have arrived.
struct TarReader: Sendable {
    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    private var buffer: [UInt8] = []
    private var offset = 0
    private var ended = false
    private var paxOverrides: [String: String] = [:]
    private var globalPax: [String: String] = [:]
    private var longName: String?
    private var longLink: String?

    init() {}

    mutating func feed(_ bytes: [UInt8]) throws(FormatError) -> [TarEntry] {
        if ended { return [] }
        buffer += bytes
        var out: [TarEntry] = []
        while !ended, buffer.count - offset >= 512 {
            let header = Array(buffer[offset..<(offset + 512)])
            if header.allSatisfy({ $0 == 0 }) {
                ended = true
                break
            }
            guard Self.checksumMatches(header) else {
                throw FormatError(description: "invalid tar header checksum at byte \(offset)")
            }
            var size = try Self.number(header[124..<136], field: "size")
            if let s = paxOverrides["size"], let n = Int(s) { size = n }
            let padded = (size + 511) / 512 * 512
            guard buffer.count - offset >= 512 + padded else { break }
            let data = Array(buffer[(offset + 512)..<(offset + 512 + size)])
            offset += 512 + padded
            if let entry = try consume(header: header, data: data) { out.append(entry) }
        }
        if offset > 1 << 20 || offset == buffer.count {
            buffer.removeFirst(offset)
            offset = 0
        }
        return out
    }

    /// Fails when the stream stopped inside an entry.
    func finish() throws(FormatError) {
        if buffer.count - offset > 0 && !ended {
            throw FormatError(description: "the tar stream ended inside an entry (\(buffer.count - offset) bytes left)")
        }
    }

    private mutating func consume(header: [UInt8], data: [UInt8]) throws(FormatError) -> TarEntry? {
        let type = header[156]
        switch type {
        case UInt8(ascii: "x"):
            paxOverrides.merge(Self.paxRecords(data)) { $1 }
            return nil
        case UInt8(ascii: "g"):
            globalPax.merge(Self.paxRecords(data)) { $1 }
            return nil
        case UInt8(ascii: "L"):
            longName = Self.string(data[...])
            return nil
        case UInt8(ascii: "K"):
            longLink = Self.string(data[...])
            return nil
        default:
            break
        }
        let pax = globalPax.merging(paxOverrides) { $1 }
        defer { paxOverrides = [:]; longName = nil; longLink = nil }
        var path = Self.string(header[0..<100])
        let magic = Self.string(header[257..<263])
        if magic.hasPrefix("ustar") {
            let prefix = Self.string(header[345..<500])
            if !prefix.isEmpty { path = prefix + "/" + path }
        }
        if let n = longName { path = n }
        if let p = pax["path"] { path = p }
        var link = Self.string(header[157..<257])
        if let l = longLink { link = l }
        if let l = pax["linkpath"] { link = l }
        let kind: TarEntry.Kind
        switch type {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): kind = path.hasSuffix("/") ? .directory : .file
        case UInt8(ascii: "5"): kind = .directory
        case UInt8(ascii: "2"): kind = .symlink
        case UInt8(ascii: "1"): kind = .hardlink
        default: kind = .other(type)
        }
        while path.hasSuffix("/") && path.count > 1 { path.removeLast() }
        let mode = UInt32(truncatingIfNeeded: try Self.number(header[100..<108], field: "mode"))
        var mtime = try Self.number(header[136..<148], field: "mtime")
        if let m = pax["mtime"], let whole = m.split(separator: ".").first, let n = Int(whole) { mtime = n }
        var uid = try Self.number(header[108..<116], field: "uid")
        var gid = try Self.number(header[116..<124], field: "gid")
        if let u = pax["uid"].flatMap({ Int($0) }) { uid = u }
        if let g = pax["gid"].flatMap({ Int($0) }) { gid = g }
        return TarEntry(path: path, kind: kind, mode: mode & 0o7777, uid: uid, gid: gid, mtime: mtime,
                        linkTarget: link, data: kind == .file ? data : [])
    }

    static func checksumMatches(_ h: [UInt8]) -> Bool {
        guard let stored = try? number(h[148..<156], field: "checksum") else { return false }
        var unsigned = 0
        for (i, b) in h.enumerated() { unsigned += (148..<156).contains(i) ? 32 : Int(b) }
        return stored == unsigned
    }

    /// Octal, NUL/space padded; or base-256 when the high bit of the first byte is set.
    static func number(_ field: ArraySlice<UInt8>, field name: String) throws(FormatError) -> Int {
        if let first = field.first, first & 0x80 != 0 {
            var v = Int(first & 0x7f)
            for b in field.dropFirst() { v = v << 8 | Int(b) }
            return v
        }
        var v = 0
        var seenDigit = false
        for b in field {
            if b == 0 || b == UInt8(ascii: " ") {
                if seenDigit { break } else { continue }
            }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "7") else {
                throw FormatError(description: "invalid number in the tar header's \(name) field")
            }
            seenDigit = true
            v = v * 8 + Int(b - UInt8(ascii: "0"))
        }
        return v
    }

    static func string(_ field: ArraySlice<UInt8>) -> String {
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[field.startIndex..<end], as: UTF8.self)
    }

    /// "<len> key=value\n" records.
    static func paxRecords(_ data: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        var i = 0
        while i < data.count {
            guard let space = data[i...].firstIndex(of: UInt8(ascii: " ")),
                  let length = Int(String(decoding: data[i..<space], as: UTF8.self)), length > 0,
                  i + length <= data.count else { break }
            let record = data[(space + 1)..<(i + length)]
            if let eq = record.firstIndex(of: UInt8(ascii: "=")) {
                var valueEnd = record.endIndex
                if valueEnd > eq + 1 && record[valueEnd - 1] == UInt8(ascii: "\n") { valueEnd -= 1 }
                out[String(decoding: record[record.startIndex..<eq], as: UTF8.self)] =
                    String(decoding: record[(eq + 1)..<valueEnd], as: UTF8.self)
            }
            i += length
        }
        return out
    }
}
