extension ByteSize: CustomStringConvertible {
    /// Parses a byte count: a plain integer (may be -1 for "unlimited"), or a number with a binary
    /// unit as docker's `RAMInBytes` reads it: "512m", "1gb", "1 GiB", "2.5GB", "100k", "64b".
    public init(parsing text: String) throws(ValueError) {
        let s = text.trimmingWhitespace()
        if let n = Int64(s) { self.init(bytes: n); return }
        var bad: ValueError { ValueError("invalid size \"\(text)\"", hint: "use a number of bytes or a unit: b, k, m, g, t, p (e.g. 512m, 1gb)") }
        let number = s.prefix { $0.isASCIIDigit || $0 == "." }
        guard !number.isEmpty, number.first != ".", number.last != ".", let value = Double(number) else { throw bad }
        var unit = s.dropFirst(number.count).lowercased()[...]
        if unit.first == " " { unit = unit.dropFirst() }
        var multiplier: Double = 1
        if let p = unit.first, let index = "kmgtp".firstIndex(of: p) {
            multiplier = Double(1 << (10 * ("kmgtp".distance(from: "kmgtp".startIndex, to: index) + 1)))
            unit = unit.dropFirst()
        }
        if unit.first == "i" { unit = unit.dropFirst() }
        if unit.first == "b" { unit = unit.dropFirst() }
        guard unit.isEmpty else { throw bad }
        let bytes = value * multiplier
        guard bytes < 9.2e18 else { throw ValueError("size \"\(text)\" is too large") }
        self.init(bytes: Int64(bytes))
    }

    public var description: String { String(bytes) }
}
