/// An error in a YAML document, with the position it refers to.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    public let mark: Mark
    public let message: String

    public init(_ message: String, at mark: Mark) {
        self.mark = mark
        self.message = message
    }

    public var description: String { "\(mark): \(message)" }
}
