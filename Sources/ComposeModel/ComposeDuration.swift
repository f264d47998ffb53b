/// A duration written with Go's `time.ParseDuration` syntax ("1m30s", "10s", "500ms", "1h").
/// Kept as nanoseconds so it prints back exactly as Go would ("1m30s").
public struct ComposeDuration: Sendable, Hashable, Comparable {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64) { self.nanoseconds = seconds * 1_000_000_000 }

    public var duration: Swift.Duration { .nanoseconds(nanoseconds) }
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public static func < (a: ComposeDuration, b: ComposeDuration) -> Bool { a.nanoseconds < b.nanoseconds }
}
