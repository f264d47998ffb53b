internal import CYAML

/// Writes a `YAMLNode` tree as YAML text with libyaml's emitter.
public struct YAMLEmitter: Sendable {
    public var indent = 2
    public var width = -1  // never fold long lines

    public init() {}

    public func emit(_ root: YAMLNode) throws(YAMLError) -> String {
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        var emitter = yaml_emitter_t()
        guard yaml_emitter_initialize(&emitter) == 1 else {
            throw YAMLError("cannot initialize the YAML emitter", at: root.mark)
        }
        defer { yaml_emitter_delete(&emitter) }
        yaml_emitter_set_unicode(&emitter, 1)
        yaml_emitter_set_indent(&emitter, Int32(indent))
        yaml_emitter_set_width(&emitter, Int32(width))
        let context = Unmanaged.passUnretained(sink).toOpaque()
        yaml_emitter_set_output(&emitter, { ctx, buffer, size in
            let sink = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, context)

        var ok = true
        func send(_ fill: (inout yaml_event_t) -> Int32) {
            guard ok else { return }
            var event = yaml_event_t()
            guard fill(&event) == 1, yaml_emitter_emit(&emitter, &event) == 1 else { ok = false; return }
        }
        send { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
        send { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
        // Iterative walk: nodes to open, and close markers.
        enum Step { case node(YAMLNode), endSequence, endMapping }
        var work: [Step] = [.node(root)]
        while let step = work.popLast(), ok {
            switch step {
            case .endSequence: send { yaml_sequence_end_event_initialize(&$0) }
            case .endMapping: send { yaml_mapping_end_event_initialize(&$0) }
            case .node(let node):
                let tag = node.tag
                switch node.kind {
                case .scalar(let value, let style):
                    let ystyle: yaml_scalar_style_t
                    switch style {
                    case .plain: ystyle = YAML_ANY_SCALAR_STYLE
                    case .singleQuoted: ystyle = YAML_SINGLE_QUOTED_SCALAR_STYLE
                    case .doubleQuoted: ystyle = YAML_DOUBLE_QUOTED_SCALAR_STYLE
                    case .literal: ystyle = YAML_LITERAL_SCALAR_STYLE
                    case .folded: ystyle = YAML_FOLDED_SCALAR_STYLE
                    }
                    var v = Array(value.utf8)
                    send { ev in
                        withOptionalCString(tag) { t in
                            v.withUnsafeMutableBufferPointer { b in
                                yaml_scalar_event_initialize(&ev, nil, t, b.baseAddress ?? UnsafeMutablePointer(mutating: emptyByte), Int32(b.count),
                                                             t == nil ? 1 : 0, t == nil ? 1 : 0, ystyle)
                            }
                        }
                    }
                case .sequence(let items):
                    send { ev in withOptionalCString(tag) { yaml_sequence_start_event_initialize(&ev, nil, $0, $0 == nil ? 1 : 0, YAML_BLOCK_SEQUENCE_STYLE) } }
                    work.append(.endSequence)
                    for item in items.reversed() { work.append(.node(item)) }
                case .mapping(let entries):
                    let style = entries.isEmpty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE
                    send { ev in withOptionalCString(tag) { yaml_mapping_start_event_initialize(&ev, nil, $0, $0 == nil ? 1 : 0, style) } }
                    work.append(.endMapping)
                    for e in entries.reversed() {
                        work.append(.node(e.value))
                        work.append(.node(e.key))
                    }
                }
            }
        }
        send { yaml_document_end_event_initialize(&$0, 1) }
        send { yaml_stream_end_event_initialize(&$0) }
        guard ok else {
            let problem = emitter.problem.map { String(cString: $0) } ?? "cannot emit YAML"
            throw YAMLError(problem, at: root.mark)
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

nonisolated(unsafe) private let emptyByte: UnsafePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.pointee = 0
    return UnsafePointer(p)
}()

private func withOptionalCString<R>(_ s: String?, _ body: (UnsafeMutablePointer<yaml_char_t>?) -> R) -> R {
    guard let s else { return body(nil) }
    var bytes = Array(s.utf8) + [0]
    return bytes.withUnsafeMutableBufferPointer { body($0.baseAddress) }
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
