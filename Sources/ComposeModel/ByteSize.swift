/// A size in bytes, written as a number or with a unit ("1gb", "512m", "1k", "2.5GB").
public struct ByteSize: Sendable, Hashable, Comparable, ExpressibleByIntegerLiteral {
    public var bytes: Int64

    public init(bytes: Int64) { self.bytes = bytes }
    public init(integerLiteral value: Int64) { self.bytes = value }

    public static func < (a: ByteSize, b: ByteSize) -> Bool { a.bytes < b.bytes }
}
