/// `.dockerignore` matching with Docker's rules (moby/patternmatcher): patterns apply in order, a later
/// `!exception` re-includes what an earlier pattern excluded, `*` and `?` stop at `/`, `**` crosses
/// directories, and a pattern that matches a directory matches everything below it.
public struct PatternMatcher: Sendable {
    public struct Pattern: Sendable, Equatable {
        /// Cleaned, without the leading `!`.
        public var text: String
        public var isException: Bool
        let tokens: [GlobToken]
    }

    /// Per pattern: did it match this directory (so it matches everything inside).
    public struct MatchInfo: Sendable, Equatable {
        var parentMatched: [Bool] = []
        public init() {}
    }

    public let patterns: [Pattern]
    /// Whether any `!` exception exists (otherwise an excluded directory is skipped whole).
    public let hasExceptions: Bool

    public init(_ lines: [String]) throws(PatternError) {
        var out: [Pattern] = []
        for line in lines {
            var p = DockerIgnore.trim(Substring(line))
            if p.isEmpty { continue }
            p = PathClean.clean(p)
            var exception = false
            if p.hasPrefix("!") {
                if p.count == 1 { throw PatternError(pattern: line, reason: "an exception \"!\" needs a pattern after it") }
                exception = true
                p.removeFirst()
            }
            out.append(Pattern(text: p, isException: exception, tokens: try GlobToken.compile(p, original: line)))
        }
        patterns = out
        hasExceptions = out.contains { $0.isException }
    }

    /// Whether `path` (slash-separated, relative to the context) is excluded, checking its parent
    /// directories too.
    public func matches(_ path: String) -> Bool {
        let cleaned = PathClean.clean(path)
        if cleaned == "." { return false }
        return matches(cleaned, parent: nil).excluded
    }

    /// The walk's form: the parent directory's result is passed in so it need not be recomputed.
    public func matches(_ path: String, parent: MatchInfo?) -> (excluded: Bool, info: MatchInfo) {
        let parentMatched = parent?.parentMatched ?? []
        let hasParentInfo = parentMatched.count == patterns.count && !patterns.isEmpty
        let scalars = Array(path.unicodeScalars)
        var excluded = false
        var info = MatchInfo()
        info.parentMatched = [Bool](repeating: false, count: patterns.count)
        for (i, pattern) in patterns.enumerated() {
            var match = hasParentInfo ? parentMatched[i] : false
            if !match {
                // An inclusion cannot change an excluded path, nor an exception an included one.
                if pattern.isException != excluded { continue }
                match = GlobToken.match(pattern.tokens, scalars)
                if !match && !hasParentInfo {
                    // No parent result: try each ancestor directory.
                    var prefix: [Unicode.Scalar] = []
                    let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                    for part in parts {
                        if !prefix.isEmpty { prefix.append("/") }
                        prefix += part.unicodeScalars
                        if GlobToken.match(pattern.tokens, prefix) { match = true; break }
                    }
                }
            }
            info.parentMatched[i] = match
            if match { excluded = !pattern.isException }
        }
        return (excluded, info)
    }

    /// An excluded directory must still be walked when an exception names something under it
    /// (Docker checks this by prefix, so a wildcard before the directory does not count).
    public func mustWalkExcludedDirectory(_ dir: String) -> Bool {
        guard hasExceptions else { return false }
        let dirSlash = dir + "/"
        return patterns.contains { $0.isException && ($0.text + "/").hasPrefix(dirSlash) }
    }
}

public struct PatternError: Error, CustomStringConvertible, Sendable, Equatable {
    public var pattern: String
    public var reason: String
    public var description: String { "invalid .dockerignore pattern \"\(pattern)\": \(reason)" }
}

/// A compiled glob, matched by backtracking (patterns and paths are short).
enum GlobToken: Sendable, Equatable {
    case literal(Unicode.Scalar)
    /// `?`: one character other than `/`.
    case one
    /// `*`: any run without `/`.
    case star
    /// `**` at the end: anything.
    case anything
    /// `**` (or `**/`) inside: nothing, or anything ending with `/`.
    case anyDirectories
    case set(ranges: [ClosedRange<Unicode.Scalar>], negated: Bool)
    /// A leading `**` followed only by plain characters: Docker tests the path's end as a string,
    /// so `**foo` matches `xfoo` and `**/foo` matches `foo`.
    case suffix([Unicode.Scalar])

    static func compile(_ pattern: String, original: String) throws(PatternError) -> [GlobToken] {
        let s = Array(pattern.unicodeScalars)
        if s.count >= 2, s[0] == "*", s[1] == "*", !s.dropFirst(2).contains(where: { "*?[]\\".unicodeScalars.contains($0) }) {
            return [.suffix(Array(s.dropFirst(2)))]
        }
        var out: [GlobToken] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            i += 1
            switch c {
            case "*":
                if i < s.count && s[i] == "*" {
                    i += 1
                    if i < s.count && s[i] == "/" { i += 1 }
                    out.append(i >= s.count ? .anything : .anyDirectories)
                } else {
                    out.append(.star)
                }
            case "?":
                out.append(.one)
            case "\\":
                if i < s.count {
                    out.append(.literal(s[i]))
                    i += 1
                } else {
                    out.append(.literal("\\"))
                }
            case "[":
                var negated = false
                if i < s.count && s[i] == "^" { negated = true; i += 1 }
                var ranges: [ClosedRange<Unicode.Scalar>] = []
                var closed = false
                var firstItem = true
                while i < s.count {
                    var lo = s[i]
                    if lo == "]" && !firstItem { closed = true; i += 1; break }
                    firstItem = false
                    if lo == "\\" {
                        i += 1
                        guard i < s.count else { break }
                        lo = s[i]
                    }
                    i += 1
                    var hi = lo
                    if i + 1 < s.count && s[i] == "-" && s[i + 1] != "]" {
                        i += 1
                        hi = s[i]
                        if hi == "\\" {
                            i += 1
                            guard i < s.count else { break }
                            hi = s[i]
                        }
                        i += 1
                    }
                    guard lo <= hi else {
                        throw PatternError(pattern: original, reason: "character range \(lo)-\(hi) is out of order")
                    }
                    ranges.append(lo...hi)
                }
                guard closed, !ranges.isEmpty else {
                    throw PatternError(pattern: original, reason: "\"[\" is not closed by \"]\"")
                }
                out.append(.set(ranges: ranges, negated: negated))
            default:
                out.append(.literal(c))
            }
        }
        return out
    }

    static func match(_ tokens: [GlobToken], _ path: [Unicode.Scalar]) -> Bool {
        match(tokens[...], path[...])
    }

    private static func match(_ tokens: ArraySlice<GlobToken>, _ path: ArraySlice<Unicode.Scalar>) -> Bool {
        var t = tokens
        var p = path
        while let token = t.first {
            switch token {
            case .suffix(let suffix):
                if p.count >= suffix.count && p.suffix(suffix.count).elementsEqual(suffix) { return true }
                return suffix.first == "/" && p.elementsEqual(suffix.dropFirst())
            case .literal(let c):
                guard p.first == c else { return false }
                p = p.dropFirst()
            case .one:
                guard let c = p.first, c != "/" else { return false }
                p = p.dropFirst()
            case .set(let ranges, let negated):
                // Docker builds a regular expression, so a class may match "/" too.
                guard let c = p.first, ranges.contains(where: { $0.contains(c) }) != negated else { return false }
                p = p.dropFirst()
            case .star:
                let rest = t.dropFirst()
                var q = p
                while true {
                    if match(rest, q) { return true }
                    guard let c = q.first, c != "/" else { return false }
                    q = q.dropFirst()
                }
            case .anything:
                let rest = t.dropFirst()
                if rest.isEmpty { return true }
                var q = p
                while true {
                    if match(rest, q) { return true }
                    guard !q.isEmpty else { return false }
                    q = q.dropFirst()
                }
            case .anyDirectories:
                let rest = t.dropFirst()
                if match(rest, p) { return true }
                var q = p
                while let c = q.first {
                    q = q.dropFirst()
                    if c == "/" && match(rest, q) { return true }
                }
                return false
            }
            t = t.dropFirst()
        }
        return p.isEmpty
    }
}
