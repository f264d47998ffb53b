/// A value that has the right shape but a wrong content (bad port, bad duration...).
/// The decoder turns it into a `ComposeError` carrying the value's position and key path.
public struct ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}
