/// One step reported by the executor, shaped like Docker Compose's progress lines
/// (`Container demo-web-1  Started`).
public struct ProgressEvent: Sendable, Equatable {
    public enum Phase: String, Sendable, Equatable {
        case working, done, failed, warning
    }

    /// "Container", "Network", "Volume", "Image".
    public var kind: String
    public var name: String
    public var phase: Phase
    /// "Creating", "Created", "Started", "Healthy", "Error", ...
    public var status: String
    /// The error or warning text, when there is one.
    public var detail: String?

    public init(kind: String, name: String, phase: Phase, status: String, detail: String? = nil) {
        self.kind = kind
        self.name = name
        self.phase = phase
        self.status = status
        self.detail = detail
    }

    /// `kind name` — the key a display updates in place.
    public var resource: String { "\(kind) \(name)" }
}
