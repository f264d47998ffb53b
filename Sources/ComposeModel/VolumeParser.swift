/// Parses the short volume syntax `[source:]target[:options]` as compose-go does:
/// a source starting with `.`, `/`, `~`, `\\` or a drive letter is a bind mount, anything else a named volume;
/// no source means an anonymous volume. Options: ro, rw, nocopy, z, Z, propagation modes, consistency.
public enum VolumeParser {
    public static func parse(_ spec: String) throws(ValueError) -> ServiceVolume {
        guard !spec.isEmpty else {
            throw ValueError("invalid empty volume spec", hint: "write [source:]target[:ro], e.g. ./data:/data")
        }
        // ASCII text is read as bytes: the same fields (every character is one byte) without
        // Character iteration, which was most of the time here.
        let ranges = spec.isASCIIText
            ? fieldRanges(spec.utf8, colon: UInt8(ascii: ":"), dollar: UInt8(ascii: "$"), open: UInt8(ascii: "{"), close: UInt8(ascii: "}"),
                          backslash: UInt8(ascii: "\\"), slash: UInt8(ascii: "/"), isLetter: { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") })
            : fieldRanges(spec, colon: ":", dollar: "$", open: "{", close: "}", backslash: "\\", slash: "/", isLetter: \.isLetter)
        guard let ranges else {
            throw ValueError("invalid volume \"\(spec)\": empty section between colons", hint: "write [source:]target[:options], e.g. ./data:/data:ro")
        }
        let fields = ranges.map { String(spec[$0]) }
        guard fields.count <= 3 else {
            throw ValueError("invalid volume \"\(spec)\": too many colons", hint: "write [source:]target[:options], e.g. ./data:/data:ro")
        }
        var volume: ServiceVolume
        if fields.count == 1 {
            volume = ServiceVolume(type: .volume, target: cleanTarget(fields[0]), volume: .init())
        } else {
            let source = fields[0]
            volume = ServiceVolume(type: isFilePath(source) ? .bind : .volume, source: source, target: cleanTarget(fields[1]))
        }
        if fields.count == 3 {
            for option in fields[2].split(separator: ",") {
                switch option {
                case "ro": volume.readOnly = true
                case "rw": volume.readOnly = nil
                case "nocopy":
                    volume.volume = ServiceVolume.VolumeOptions(nocopy: true)
                case "z", "Z":
                    volume.bind = volume.bind ?? .init()
                    volume.bind?.selinux = String(option)
                case "shared", "rshared", "slave", "rslave", "private", "rprivate":
                    volume.bind = volume.bind ?? .init()
                    volume.bind?.propagation = String(option)
                case "cached", "delegated", "consistent":
                    volume.consistency = String(option)
                default:
                    throw ValueError("invalid volume \"\(spec)\": unknown option \"\(option)\"",
                                     hint: "options are ro, rw, nocopy, z, Z, shared, rshared, slave, rslave, private, rprivate, cached, delegated, consistent")
                }
            }
        }
        if volume.type == .bind {
            // As docker-compose did: the short syntax creates a missing host path.
            volume.bind = volume.bind ?? .init()
            volume.bind?.createHostPath = true
            if volume.volume?.nocopy == true {
                throw ValueError("invalid volume \"\(spec)\": nocopy applies to named volumes, not bind mounts")
            }
            volume.volume = nil
        } else {
            if volume.bind != nil {
                throw ValueError("invalid volume \"\(spec)\": bind options (z, Z, propagation) need a host path",
                                 hint: "start the source with ./ or / to mount a host path")
            }
            volume.volume = volume.volume ?? .init()
        }
        return volume
    }

    /// The ranges of the fields between separating colons, or nil for an empty one: colons inside
    /// `${...}` belong to the variable, and a drive letter's (`C:\\`, `C:/`) to the path.
    private static func fieldRanges<C: BidirectionalCollection>(
        _ text: C, colon: C.Element, dollar: C.Element, open: C.Element, close: C.Element,
        backslash: C.Element, slash: C.Element, isLetter: (C.Element) -> Bool
    ) -> [Range<String.Index>]? where C.Index == String.Index, C.Element: Equatable {
        var fields: [Range<String.Index>] = []
        var start = text.startIndex
        var depth = 0
        var i = text.startIndex
        while true {
            let ch: C.Element? = i < text.endIndex ? text[i] : nil
            let next = i < text.endIndex ? text.index(after: i) : i
            if ch == dollar, next < text.endIndex, text[next] == open {
                depth += 1
            } else if ch == close, depth > 0 {
                depth -= 1
            } else if ch == colon, fields.isEmpty, start < i, text.index(after: start) == i, isLetter(text[start]),
                      next < text.endIndex, text[next] == backslash || text[next] == slash {
                // a drive letter
            } else if ch == nil || (ch == colon && depth == 0) {
                guard start < i else { return nil }
                fields.append(start..<i)
                start = next
            }
            guard ch != nil else { return fields }
            i = next
        }
    }

    /// A host path (bind mount) rather than a volume name.
    public static func isFilePath(_ source: String) -> Bool {
        guard let first = source.first else { return false }
        if first == "." || first == "/" || first == "~" { return true }
        if source.hasPrefix("\\\\") { return true }
        let rest = source.dropFirst()
        return first.isLetter && rest.first == ":"
    }

    /// `path.Clean` for a container path: collapse `//`, `.` and `..`.
    public static func cleanTarget(_ path: String) -> String {
        guard !path.isEmpty, !isClean(path) else { return path }
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Whether `cleanTarget` would give `path` back: no empty, `.` or `..` segment, except the
    /// empty one before a leading `/`.
    private static func isClean(_ path: String) -> Bool {
        let bytes = path.utf8
        var segment = 0  // bytes in the current segment, `dots` of them dots
        var dots = 0
        for (n, c) in bytes.enumerated() {
            if c == UInt8(ascii: "/") {
                if n > 0 && (segment == 0 || segment == dots && dots <= 2) { return false }
                segment = 0
                dots = 0
            } else {
                segment += 1
                if c == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return segment > 0 && !(segment == dots && dots <= 2)
    }
}
