internal import CYAML

/// Streams YAML events to libyaml's emitter, so a caller can write a document straight from its
/// own values instead of building a `YAMLNode` tree first.
public final class YAMLWriter {
    private final class Sink { var bytes: [UInt8] = [] }
    private let sink = Sink()
    private let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
    private var ok = true
    private var initialized = false

    /// Starts the stream and its one document; `width` -1 never folds long lines.
    public init(indent: Int = 2, width: Int = -1) {
        emitter.initialize(to: yaml_emitter_t())
        guard yaml_emitter_initialize(emitter) == 1 else { ok = false; return }
        initialized = true
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, Int32(indent))
        yaml_emitter_set_width(emitter, Int32(width))
        yaml_emitter_set_output(emitter, { ctx, buffer, size in
            let sink = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, Unmanaged.passUnretained(sink).toOpaque())
        send { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
        send { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
    }

    deinit {
        if initialized { yaml_emitter_delete(emitter) }
        emitter.deallocate()
    }

    private func send(_ fill: (inout yaml_event_t) -> Int32) {
        guard ok else { return }
        var event = yaml_event_t()
        guard fill(&event) == 1, yaml_emitter_emit(emitter, &event) == 1 else { ok = false; return }
    }

    public func scalar(_ value: String, style: ScalarStyle, tag: String? = nil) {
        let ystyle: yaml_scalar_style_t
        switch style {
        case .plain: ystyle = YAML_ANY_SCALAR_STYLE
        case .singleQuoted: ystyle = YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: ystyle = YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: ystyle = YAML_LITERAL_SCALAR_STYLE
        case .folded: ystyle = YAML_FOLDED_SCALAR_STYLE
        }
        var v = value
        send { ev in
            withOptionalCString(tag) { t in
                v.withUTF8 { b in
                    // libyaml copies the value; it never writes through the pointer.
                    let p = b.baseAddress.map { UnsafeMutablePointer(mutating: $0) } ?? UnsafeMutablePointer(mutating: emptyByte)
                    return yaml_scalar_event_initialize(&ev, nil, t, p, Int32(b.count), t == nil ? 1 : 0, t == nil ? 1 : 0, ystyle)
                }
            }
        }
    }

    public func beginSequence(tag: String? = nil) {
        send { ev in withOptionalCString(tag) { yaml_sequence_start_event_initialize(&ev, nil, $0, $0 == nil ? 1 : 0, YAML_BLOCK_SEQUENCE_STYLE) } }
    }

    public func endSequence() {
        send { yaml_sequence_end_event_initialize(&$0) }
    }

    /// An empty mapping is written in flow style (`{}`), others in block style.
    public func beginMapping(tag: String? = nil, empty: Bool) {
        let style = empty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE
        send { ev in withOptionalCString(tag) { yaml_mapping_start_event_initialize(&ev, nil, $0, $0 == nil ? 1 : 0, style) } }
    }

    public func endMapping() {
        send { yaml_mapping_end_event_initialize(&$0) }
    }

    /// Ends the document and returns the text; a failure is reported at `mark`.
    public func finish(errorAt mark: Mark) throws(YAMLError) -> String {
        send { yaml_document_end_event_initialize(&$0, 1) }
        send { yaml_stream_end_event_initialize(&$0) }
        guard ok else {
            let problem = initialized ? (emitter.pointee.problem.map { String(cString: $0) } ?? "cannot emit YAML")
                : "cannot initialize the YAML emitter"
            throw YAMLError(problem, at: mark)
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
