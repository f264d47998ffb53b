import ComposeModel
import Foundation
import YAML

/// Parses a big Compose file on every core: the lines before `services:`, the `services` block cut
/// at service boundaries into one piece per core, and the lines after it, each parsed on its own and
/// joined into the tree a single parse gives. It answers nil for any shape it does not handle and
/// for any problem at all (a bad piece, an alias across pieces, a duplicate key), and the caller
/// then parses the whole file at once, which also words any error.
enum SplitParser {
    /// Below this size one parse is fast enough.
    static let minimumSize = 256 * 1024

    static func parse(_ bytes: [UInt8], file: String, parser: YAMLParser = YAMLParser()) -> YAMLNode? {
        guard bytes.count >= minimumSize, Parallel.width > 1 else { return nil }
        return bytes.withUnsafeBufferPointer { buf in
            guard let layout = Layout(buf, pieces: Parallel.width) else { return nil }
            return join(buf, layout, file: file, parser: parser)
        }
    }

    /// Where the pieces are, as line indexes (0-based) into `starts`, the byte offset of each line.
    struct Layout {
        var starts: [Int]
        /// The `services:` line.
        var servicesLine: Int
        /// The first line of each piece of the block, and the line after the block.
        var cuts: [Int]
        var blockEnd: Int

        init?(_ b: UnsafeBufferPointer<UInt8>, pieces: Int) {
            // CR line breaks, tab-indented lines: one parse. memchr, as this reads every byte of a big file.
            guard let base = b.baseAddress, !b.isEmpty, memchr(base, Int32(UInt8(ascii: "\r")), b.count) == nil else { return nil }
            var starts = [0]
            starts.reserveCapacity(b.count / 16)
            var i = 0
            while true {
                if b[i] == UInt8(ascii: "\t") { return nil }
                guard let newline = memchr(base + i, Int32(UInt8(ascii: "\n")), b.count - i) else { break }
                i = UnsafeRawPointer(newline) - UnsafeRawPointer(base) + 1
                if i >= b.count { break }
                starts.append(i)
            }
            func first(_ line: Int) -> UInt8? { starts[line] < b.count ? b[starts[line]] : nil }
            func hasPrefix(_ line: Int, _ p: String) -> Bool {
                let s = starts[line]
                var k = 0
                for ch in p.utf8 {
                    guard s + k < b.count, b[s + k] == ch else { return false }
                    k += 1
                }
                return true
            }
            // Directives, document markers and top-level merge keys change how pieces would read.
            var services: Int?
            for line in starts.indices {
                guard let c = first(line), c != UInt8(ascii: " "), c != UInt8(ascii: "#"), c != UInt8(ascii: "\n") else { continue }
                if c == UInt8(ascii: "%") || hasPrefix(line, "---") || hasPrefix(line, "...") || hasPrefix(line, "<<") { return nil }
                if hasPrefix(line, "services:") {
                    // Only a bare `services:` (a comment may follow): no tag, anchor or flow value.
                    var i = starts[line] + 9
                    while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
                    guard i >= b.count || b[i] == UInt8(ascii: "\n") || b[i] == UInt8(ascii: "#") && b[i - 1] == UInt8(ascii: " "),
                          services == nil else { return nil }
                    services = line
                }
            }
            guard let services else { return nil }
            // The block: up to the next line that starts at column 0 (comments and blank lines belong to it).
            var end = services + 1
            while end < starts.count, let c = first(end), c == UInt8(ascii: " ") || c == UInt8(ascii: "#") || c == UInt8(ascii: "\n") { end += 1 }
            // Service keys sit at the indentation of the block's first content line.
            var entries: [Int] = []
            var indent: Int?
            for line in (services + 1)..<end {
                var i = starts[line]
                while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
                guard i < b.count, b[i] != UInt8(ascii: "\n"), b[i] != UInt8(ascii: "#") else { continue }
                let n = i - starts[line]
                if indent == nil {
                    guard n > 0, !"-?{[&!*|>".utf8.contains(b[i]) else { return nil }
                    indent = n
                }
                // A `-` at the key's indentation continues the entry before (`key:` then `- item`).
                if n == indent, b[i] != UInt8(ascii: "-") {
                    // A merge key in `services` applies over the whole mapping: one parse.
                    if b[i] == UInt8(ascii: "<"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "<") { return nil }
                    entries.append(line)
                }
            }
            guard entries.count >= pieces * 2 else { return nil }
            // Cut at the entries nearest to equal byte shares.
            let blockBytes = (end < starts.count ? starts[end] : b.count) - starts[entries[0]]
            var cuts = [entries[0]]
            var e = 0
            for p in 1..<pieces {
                let target = starts[entries[0]] + blockBytes * p / pieces
                while e + 1 < entries.count, starts[entries[e]] < target { e += 1 }
                if entries[e] > cuts[cuts.count - 1] { cuts.append(entries[e]) }
            }
            guard cuts.count > 1 else { return nil }
            self.starts = starts
            self.servicesLine = services
            self.cuts = cuts
            self.blockEnd = end
        }

        func range(_ from: Int, _ to: Int, count: Int) -> Range<Int> {
            (from < starts.count ? starts[from] : count)..<(to < starts.count ? starts[to] : count)
        }
    }

    private static func join(_ b: UnsafeBufferPointer<UInt8>, _ layout: Layout, file: String, parser: YAMLParser) -> YAMLNode? {
        func slice(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[r]) }
        guard let head = try? parser.parsePiece(slice(layout.range(0, layout.servicesLine, count: b.count)), file: file,
                                                firstLine: 1, given: .init(), depth: 0) else { return nil }
        var headEntries: [YAMLNode.Entry] = []
        if let root = head.root, !root.isNull {
            guard case .mapping(let entries) = root.kind else { return nil }
            headEntries = entries
        }
        // The services pieces, each with the anchors of the head.
        let bounds = layout.cuts + [layout.blockEnd]
        let pieces: [YAMLParser.Piece?] = Parallel.map(Array(0..<(bounds.count - 1)), minimumPerThread: 1) { i in
            try? parser.parsePiece(slice(layout.range(bounds[i], bounds[i + 1], count: b.count)), file: file,
                                   firstLine: bounds[i] + 1, given: head.defined, depth: 1)
        }
        var services: [YAMLNode.Entry] = []
        var keys = Set<String>()
        var expansion = head.aliasExpansion
        var definedSoFar = head.defined
        var pieceDefinitions = Set<String>()
        var servicesMark: Mark?
        for piece in pieces {
            guard let piece, let root = piece.root, case .mapping(let entries) = root.kind else { return nil }
            // An alias naming an anchor that an earlier piece defined (or redefined) needs one parse.
            guard piece.usedGiven.isDisjoint(with: pieceDefinitions) else { return nil }
            pieceDefinitions.formUnion(piece.defined.names)
            definedSoFar.add(piece.defined)
            for e in entries {
                guard let k = e.key.scalarValue, keys.insert(k).inserted else { return nil }
            }
            servicesMark = servicesMark ?? root.mark
            services += entries
            expansion += piece.aliasExpansion
        }
        guard let tail = try? parser.parsePiece(slice(layout.range(layout.blockEnd, layout.starts.count, count: b.count)), file: file,
                                                firstLine: layout.blockEnd + 1, given: definedSoFar, depth: 0) else { return nil }
        var tailEntries: [YAMLNode.Entry] = []
        if let root = tail.root, !root.isNull {
            guard case .mapping(let entries) = root.kind else { return nil }
            tailEntries = entries
        }
        expansion += tail.aliasExpansion
        guard expansion <= parser.maxAliasExpansion, let servicesMark else { return nil }

        let key = YAMLNode(.scalar("services", .plain), mark: Mark(file: file, line: layout.servicesLine + 1, column: 1))
        let top = headEntries + [YAMLNode.Entry(key: key, value: YAMLNode(.mapping(services), mark: servicesMark))] + tailEntries
        var topKeys = Set<String>()
        for e in top {
            guard let k = e.key.scalarValue, topKeys.insert(k).inserted else { return nil }
        }
        let rootMark = headEntries.isEmpty ? key.mark : head.root!.mark
        return YAMLNode(.mapping(top), tag: head.root?.tag, mark: rootMark)
    }
}
