internal import CYAML

/// Parses YAML text into a `YAMLNode` tree with libyaml's event API.
///
/// Beyond libyaml it checks what a Compose file needs: undefined aliases, duplicate keys,
/// merge keys (`<<`), nesting depth and alias expansion (against "billion laughs" files).
public struct YAMLParser: Sendable {
    public var maxDepth = 512
    /// Upper bound on nodes copied in by aliases in one document.
    public var maxAliasExpansion = 2_000_000

    public init() {}

    /// Returns nil for an empty stream (no document). Rejects a stream with more than one document.
    public func parse(_ text: String, file: String) throws(YAMLError) -> YAMLNode? {
        var bytes = Array(text.utf8)
        // libyaml rejects a BOM only where it is not at the start; strip it for clean marks.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return try parse(bytes: bytes, file: file)
    }

    public func parse(bytes: [UInt8], file: String) throws(YAMLError) -> YAMLNode? {
        var state = BuildState(file: file, maxDepth: maxDepth, maxAliasExpansion: maxAliasExpansion)
        try bytes.withUnsafeBufferPointer { buf throws(YAMLError) in try Self.run(buf, file: file, lineOffset: 0, into: &state) }
        return state.document
    }

    /// Anchors defined in a document, carried from one piece of it to the next.
    public struct Anchors: Sendable {
        var table: [String: (node: YAMLNode, size: Int)] = [:]
        public init() {}
        /// `later`'s definitions over these, as a later anchor with the same name wins.
        public mutating func add(_ later: Anchors) {
            table.merge(later.table) { $1 }
        }
        public var names: Set<String> { Set(table.keys) }
    }

    /// A piece of a bigger document, parsed on its own (see `parsePiece`).
    public struct Piece: Sendable {
        public var root: YAMLNode?
        /// Only the anchors this piece defines.
        public var defined: Anchors
        /// Names its aliases took from the anchors it was given.
        public var usedGiven: Set<String>
        /// Nodes its aliases copied in, toward `maxAliasExpansion`.
        public var aliasExpansion: Int
    }

    /// Parses some whole lines of a bigger document on their own, so big documents can be parsed on
    /// several cores: marks count from line `firstLine`, aliases may name the `given` anchors, and
    /// `depth` levels of nesting are already taken above it.
    public func parsePiece(_ bytes: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, given: Anchors, depth: Int) throws(YAMLError) -> Piece {
        var state = BuildState(file: file, maxDepth: maxDepth - depth, maxAliasExpansion: maxAliasExpansion)
        state.given = given.table
        state.piece = true
        try Self.run(bytes, file: file, lineOffset: firstLine - 1, into: &state)
        var defined = Anchors()
        for name in state.defined { defined.table[name] = state.anchors[name] }
        return Piece(root: state.document, defined: defined, usedGiven: state.usedGiven, aliasExpansion: state.aliasExpansion)
    }

    private static func run(_ buf: UnsafeBufferPointer<UInt8>, file: String, lineOffset: Int, into state: inout BuildState) throws(YAMLError) {
        state.lineOffset = lineOffset
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError("cannot initialize the YAML parser", at: Mark(file: file, line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buf.baseAddress ?? UnsafePointer(bitPattern: 1), buf.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw Self.parserError(parser, file: file, lineOffset: lineOffset)
            }
            defer { yaml_event_delete(&event) }
            if try state.handle(&event) { break }
        }
    }

    private static func parserError(_ parser: yaml_parser_t, file: String, lineOffset: Int) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let mark = Mark(file: file, line: Int(parser.problem_mark.line) + 1 + lineOffset, column: Int(parser.problem_mark.column) + 1)
        if let ctx = parser.context {
            let cm = parser.context_mark
            return YAMLError("\(problem) (\(String(cString: ctx)) at line \(Int(cm.line) + 1 + lineOffset), column \(cm.column + 1))", at: mark)
        }
        return YAMLError(problem, at: mark)
    }
}

/// One collection being built. Its parts are plain stored properties, not an enum payload, so
/// each added node is appended in place.
private struct Frame {
    let isMapping: Bool
    var items: [YAMLNode] = []
    var entries: [YAMLNode.Entry] = []
    var pendingKey: YAMLNode?
    var merged: [YAMLNode.Entry] = []
    /// Where this mapping's keys start in `BuildState.keys`.
    let firstKey: Int
    /// The keys of a big mapping (a project's services), indexed once there are many.
    var seen: [String: Mark]?
    var tag: String?
    var anchor: String?
    var mark: Mark
    var size: Int

    init(isMapping: Bool, tag: String?, anchor: String?, mark: Mark, firstKey: Int) {
        self.isMapping = isMapping
        self.tag = tag
        self.anchor = anchor
        self.mark = mark
        self.size = 1
        self.firstKey = firstKey
    }
}

/// A mapping key as the duplicate check sees it: its length and first bytes in one word, so most
/// different keys differ without a String comparison.
private struct KeyRecord {
    let fingerprint: UInt64
    let name: String
    let mark: Mark

    init(_ name: String, mark: Mark) {
        self.name = name
        self.mark = mark
        self.fingerprint = Self.fingerprint(name)
    }

    static func fingerprint(_ s: String) -> UInt64 {
        let fp: UInt64? = s.utf8.withContiguousStorageIfAvailable { b in
            var word = UInt64(truncatingIfNeeded: b.count) << 56
            for i in 0..<min(7, b.count) { word |= UInt64(b[i]) << (8 * UInt64(i)) }
            return word
        }
        return fp ?? UInt64(truncatingIfNeeded: s.utf8.count) << 56
    }
}

private struct BuildState {
    let file: String
    /// Carries the interned file name, so each mark is built without a table lookup.
    let fileMark: Mark
    let maxDepth: Int
    let maxAliasExpansion: Int
    var stack: [Frame] = []
    /// The keys of the open mappings, innermost last: one array for all, not one per mapping.
    var keys: [KeyRecord] = []
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var aliasExpansion = 0
    var documents = 0
    var document: YAMLNode?
    /// Added to libyaml's line numbers: where a piece starts in its document.
    var lineOffset = 0
    /// Piece mode (`parsePiece`): anchors from earlier pieces, and what this piece defines and uses of them.
    var piece = false
    var given: [String: (node: YAMLNode, size: Int)] = [:]
    var defined: [String] = []
    var usedGiven: Set<String> = []

    init(file: String, maxDepth: Int, maxAliasExpansion: Int) {
        self.file = file
        self.fileMark = Mark(file: file, line: 0, column: 0)
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    func mark(_ m: yaml_mark_t) -> Mark {
        Mark(sameFileAs: fileMark, line: Int(m.line) + 1 + lineOffset, column: Int(m.column) + 1)
    }

    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
    }

    /// Returns true at the end of the stream.
    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) -> Bool {
        let m = mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
            return false
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLError("a Compose file must hold one YAML document; split the documents into separate files and pass each with -f", at: m)
            }
            anchors = [:]
            return false
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] ?? lookupGiven(name) else {
                throw YAMLError("unknown anchor '\(name)' referenced (define it with &\(name) before use)", at: m)
            }
            aliasExpansion += target.size
            if aliasExpansion > maxAliasExpansion {
                throw YAMLError("aliases expand to more than \(maxAliasExpansion) nodes; the file looks like a \"billion laughs\" attack", at: m)
            }
            var node = target.node
            node.mark = m
            try add(consume node, size: target.size)
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value: String
            if let p = s.value {
                value = String(decoding: UnsafeBufferPointer(start: p, count: s.length), as: UTF8.self)
            } else {
                value = ""
            }
            let style: ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let node = YAMLNode(.scalar(value, style), tag: Self.string(s.tag), mark: m)
            if let a = Self.string(s.anchor) { define(a, node, size: 1) }
            try add(consume node, size: 1)
        case YAML_SEQUENCE_START_EVENT:
            try push(Frame(isMapping: false, tag: Self.string(event.data.sequence_start.tag),
                           anchor: Self.string(event.data.sequence_start.anchor), mark: m, firstKey: keys.count), at: m)
        case YAML_MAPPING_START_EVENT:
            try push(Frame(isMapping: true, tag: Self.string(event.data.mapping_start.tag),
                           anchor: Self.string(event.data.mapping_start.anchor), mark: m, firstKey: keys.count), at: m)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            var frame = stack.removeLast()
            let node: YAMLNode
            if !frame.isMapping {
                node = YAMLNode(.sequence(frame.items), tag: frame.tag, mark: frame.mark)
            } else {
                // Merge keys: explicit keys win, then earlier merge sources over later ones.
                for e in frame.merged {
                    if case .scalar(let k, _) = e.key.kind {
                        if frame.seen != nil {
                            if frame.seen?[k] != nil { continue }
                            frame.seen?[k] = e.key.mark
                        } else {
                            if record(k, at: e.key.mark, from: frame.firstKey) != nil { continue }
                        }
                    }
                    frame.entries.append(e)
                }
                keys.removeSubrange(frame.firstKey...)
                node = YAMLNode(.mapping(frame.entries), tag: frame.tag, mark: frame.mark)
            }
            if let a = frame.anchor { define(a, node, size: frame.size) }
            try add(consume node, size: frame.size)
        default:
            return false
        }
        return false
    }

    mutating func define(_ name: String, _ node: YAMLNode, size: Int) {
        anchors[name] = (node, size)
        if piece { defined.append(name) }
    }

    mutating func lookupGiven(_ name: String) -> (node: YAMLNode, size: Int)? {
        guard let found = given[name] else { return nil }
        usedGiven.insert(name)
        return found
    }

    mutating func push(_ frame: consuming Frame, at m: Mark) throws(YAMLError) {
        if stack.count >= maxDepth {
            throw YAMLError("nesting deeper than \(maxDepth) levels", at: m)
        }
        stack.append(consume frame)
    }

    mutating func add(_ node: consuming YAMLNode, size: Int) throws(YAMLError) {
        guard !stack.isEmpty else {
            document = node
            return
        }
        let i = stack.count - 1
        stack[i].size += size
        guard stack[i].isMapping else {
            stack[i].items.append(node)
            return
        }
        guard let key = stack[i].pendingKey.take() else {
            stack[i].pendingKey = node
            return
        }
        if key.isMergeKey {
            try Self.collectMerge(node, into: &stack[i].merged)
        } else {
            if case .scalar(let k, _) = key.kind {
                if let first = firstDefinition(of: k, at: key.mark, in: i) {
                    throw YAMLError("duplicate key \"\(k)\" in a mapping (first defined at line \(first.line)); keep only one", at: key.mark)
                }
            }
            stack[i].entries.append(.init(key: key, value: node))
        }
    }

    /// Where `key` is already a key of the open mapping whose keys start at `first`, or nil after
    /// adding it there (its fingerprint taken once for both).
    mutating func record(_ key: String, at mark: Mark, from first: Int) -> Mark? {
        let new = KeyRecord(key, mark: mark)
        for k in keys[first...] where k.fingerprint == new.fingerprint && k.name == key { return k.mark }
        keys.append(new)
        return nil
    }

    /// Where `key` is already defined in the mapping of frame `i`, or nil after recording it. The
    /// few keys most mappings have (a service has about 20) are scanned; a big one is indexed.
    mutating func firstDefinition(of key: String, at mark: Mark, in i: Int) -> Mark? {
        let first = stack[i].firstKey
        if keys.count - first < 32 { return record(key, at: mark, from: first) }
        if stack[i].seen == nil {
            var seen: [String: Mark] = [:]
            seen.reserveCapacity((keys.count - first) * 2)
            for k in keys[first...] where seen[k.name] == nil { seen[k.name] = k.mark }
            stack[i].seen = seen
        }
        if let found = stack[i].seen?[key] { return found }
        stack[i].seen?[key] = mark
        return nil
    }

    static func collectMerge(_ value: YAMLNode, into merged: inout [YAMLNode.Entry]) throws(YAMLError) {
        switch value.kind {
        case .mapping(let entries):
            merged.append(contentsOf: entries)
        case .sequence(let items):
            for item in items {
                guard case .mapping(let entries) = item.kind else {
                    throw YAMLError("a merge key (<<) takes a mapping or a list of mappings, not a \(item.kindName)", at: item.mark)
                }
                merged.append(contentsOf: entries)
            }
        case .scalar:
            throw YAMLError("a merge key (<<) takes a mapping or a list of mappings, not a \(value.kindName)", at: value.mark)
        }
    }
}

extension YAMLNode {
    var isMergeKey: Bool {
        guard case .scalar("<<", .plain) = kind else { return false }
        return tag == nil || tag == "tag:yaml.org,2002:merge"
    }
}
