/// Writes a `YAMLNode` tree as YAML text with libyaml's emitter.
public struct YAMLEmitter: Sendable {
    public var indent = 2
    public var width = -1  // never fold long lines

    public init() {}

    public func emit(_ root: YAMLNode) throws(YAMLError) -> String {
        let writer = YAMLWriter(indent: indent, width: width)
        // Iterative walk: nodes to open, and close markers.
        enum Step { case node(YAMLNode), endSequence, endMapping }
        var work: [Step] = [.node(root)]
        while let step = work.popLast() {
            switch step {
            case .endSequence: writer.endSequence()
            case .endMapping: writer.endMapping()
            case .node(let node):
                switch node.kind {
                case .scalar(let value, let style):
                    writer.scalar(value, style: style, tag: node.tag)
                case .sequence(let items):
                    writer.beginSequence(tag: node.tag)
                    work.append(.endSequence)
                    for item in items.reversed() { work.append(.node(item)) }
                case .mapping(let entries):
                    writer.beginMapping(tag: node.tag, empty: entries.isEmpty)
                    work.append(.endMapping)
                    for e in entries.reversed() {
                        work.append(.node(e.value))
                        work.append(.node(e.key))
                    }
                }
            }
        }
        return try writer.finish(errorAt: root.mark)
    }
}

extension YAMLNode {
    /// A string scalar for output, quoted when a YAML reader would otherwise see a number, bool or null.
    public static func string(_ value: String, mark: Mark = Mark(file: "", line: 0, column: 0)) -> YAMLNode {
        YAMLNode(.scalar(value, resolvesToNonString(value) ? .doubleQuoted : .plain), mark: mark)
    }

    /// A plain scalar for output (numbers, booleans).
    public static func plain(_ value: String, mark: Mark = Mark(file: "", line: 0, column: 0)) -> YAMLNode {
        YAMLNode(.scalar(value, .plain), mark: mark)
    }

    public static func null(mark: Mark = Mark(file: "", line: 0, column: 0)) -> YAMLNode {
        YAMLNode(.scalar("null", .plain), mark: mark)
    }
}
