extension ComposeDuration: CustomStringConvertible {
    /// Parses Go duration syntax ("1m30s", "1.5h", "500ms", "-2s", "1d"; "0" alone is zero).
    /// Days (`d`) and weeks (`w`) are accepted as compose-go does.
    public init(parsing text: String) throws(ValueError) {
        if let nanoseconds = Self.plainNanoseconds(text) {
            self.init(nanoseconds: nanoseconds)
            return
        }
        var bad: ValueError { ValueError("invalid duration \"\(text)\"", hint: "use a number with a unit, e.g. 10s, 1m30s, 500ms, 2h") }
        var s = Substring(text.trimmingWhitespace())
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        if s == "0" { self.init(nanoseconds: 0); return }
        guard !s.isEmpty else { throw bad }
        var total: Double = 0
        while !s.isEmpty {
            let number = s.prefix { $0.isASCIIDigit || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { throw bad }
            s = s.dropFirst(number.count)
            let unit = s.prefix { !($0.isASCIIDigit || $0 == ".") }
            s = s.dropFirst(unit.count)
            guard let scale = Self.nanoseconds(perUnit: unit.utf8) else { throw bad }
            total += value * scale
        }
        guard total < 9.2e18 else { throw ValueError("duration \"\(text)\" is too long", hint: "use at most about 290 years") }
        self.init(nanoseconds: Int64(total.rounded()) * (negative ? -1 : 1))
    }

    /// Nanoseconds in one `unit`, nil for an unknown unit. Byte comparisons: the two micro signs
    /// have no other canonical form, so this matches what comparing Characters matched.
    private static func nanoseconds(perUnit unit: some Collection<UInt8>) -> Double? {
        func `is`(_ name: String) -> Bool { unit.elementsEqual(name.utf8) }
        if `is`("s") { return 1e9 }
        if `is`("ms") { return 1e6 }
        if `is`("m") { return 60e9 }
        if `is`("h") { return 3600e9 }
        if `is`("us") || `is`("µs") || `is`("μs") { return 1e3 }
        if `is`("ns") { return 1 }
        if `is`("d") { return 86400e9 }
        if `is`("w") { return 7 * 86400e9 }
        return nil
    }

    /// The common form, whole numbers with units ("30s", "1m30s", "500ms"), read as bytes with the
    /// same arithmetic and units as the general path; nil for anything else, which that path reads.
    private static func plainNanoseconds(_ text: String) -> Int64? {
        let result: Int64?? = text.utf8.withContiguousStorageIfAvailable { b -> Int64? in
            var total: Double = 0
            var i = 0
            guard !b.isEmpty else { return nil }
            while i < b.count {
                var value: Int64 = 0
                let digitsStart = i
                while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                    value = value &* 10 &+ Int64(b[i] - UInt8(ascii: "0"))  // longer than 15 digits is refused below
                    i += 1
                }
                guard i > digitsStart, i - digitsStart <= 15 else { return nil }
                let unitStart = i
                while i < b.count, b[i] < UInt8(ascii: "0") || b[i] > UInt8(ascii: "9"), b[i] != UInt8(ascii: ".") { i += 1 }
                guard let scale = nanoseconds(perUnit: b[unitStart..<i]) else { return nil }
                total += Double(value) * scale
            }
            guard total < 9.2e18 else { return nil }
            return Int64(total.rounded())
        }
        return result ?? nil
    }

    /// Go's `time.Duration.String()`: "1m30s", "1h0m0s", "500ms", "0s".
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        let negative = nanoseconds < 0
        let u = nanoseconds.magnitude
        var out: String
        if u < 1_000_000_000 {
            if u < 1_000 { out = "\(u)ns" }
            else if u < 1_000_000 { out = Self.fraction(u, digits: 3) + "µs" }
            else { out = Self.fraction(u, digits: 6) + "ms" }
        } else {
            let secondsPart = Self.fraction(u % 60_000_000_000, digits: 9) + "s"
            let totalMinutes = u / 60_000_000_000
            if totalMinutes == 0 {
                out = secondsPart
            } else {
                let hours = totalMinutes / 60
                out = "\(totalMinutes % 60)m" + secondsPart
                if hours > 0 { out = "\(hours)h" + out }
            }
        }
        return negative ? "-" + out : out
    }

    /// `value / 10^digits` with trailing zeros of the fraction removed.
    private static func fraction(_ value: UInt64, digits: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let whole = value / scale
        var frac = String(value % scale)
        guard frac != "0" else { return "\(whole)" }
        frac = String(repeating: "0", count: digits - frac.count) + frac
        while frac.last == "0" { frac.removeLast() }
        return "\(whole).\(frac)"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        // Most values start and end with a printable ASCII character: no Unicode property lookups.
        if let f = utf8.first, let l = utf8.last, (0x21...0x7E).contains(f), (0x21...0x7E).contains(l) { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
