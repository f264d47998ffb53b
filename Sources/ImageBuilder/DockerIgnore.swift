/// Reads a `.dockerignore` file the way the Docker CLI does: `#` comment lines dropped, surrounding
/// whitespace trimmed, blank lines skipped, each pattern cleaned and made relative (a leading `/` removed),
/// `!` kept in front of exceptions.
public enum DockerIgnore {
    public static func patterns(_ text: String) -> [String] {
        var out: [String] = []
        var first = true
        // "\r\n" is one Character in Swift, so both line ends are named.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            if first, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            first = false
            if line.hasPrefix("#") { continue }
            var pattern = trim(line)
            if pattern.isEmpty { continue }
            let invert = pattern.hasPrefix("!")
            if invert { pattern = trim(pattern.dropFirst()) }
            if !pattern.isEmpty {
                pattern = PathClean.clean(pattern)
                if pattern.count > 1 && pattern.hasPrefix("/") { pattern.removeFirst() }
            }
            out.append(invert ? "!" + pattern : pattern)
        }
        return out
    }

    static func trim(_ s: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        var slice = s
        while let c = slice.first, isSpace(c) { slice = slice.dropFirst() }
        while let c = slice.last, isSpace(c) { slice = slice.dropLast() }
        return String(slice)
    }
}
