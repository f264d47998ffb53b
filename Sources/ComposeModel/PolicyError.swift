/// A wrong `x-autoscale` or `x-supervise` setting. The loader turns it into a `ComposeError` at the
/// position of `key` (or of the whole mapping when `key` is nil).
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending key inside the extension, nil for the extension itself.
    public var key: String?
    public var message: String
    public var hint: String?
    /// True when the key itself is wrong (unknown), so the position is the key's, not its value's.
    public var atKey: Bool

    public init(key: String?, _ message: String, hint: String? = nil, atKey: Bool = false) {
        self.key = key
        self.message = message
        self.hint = hint
        self.atKey = atKey
    }

    public var description: String {
        (key.map { "\($0): " } ?? "") + message
    }
}
