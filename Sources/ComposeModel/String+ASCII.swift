#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level searches for the loader's hot paths. An ASCII text has one byte per character, so
/// searching its UTF-8 bytes gives the same indices and pieces as the Character-based calls, without
/// Character iteration; any other text takes the Character-based call. Concrete on `Substring` (and
/// `String` through it): generic over `StringProtocol`, each call went through witness tables, about
/// 13000 instructions to find a colon in "host.example:10.0.0.1".
extension Substring {
    package var isASCIIText: Bool {
        utf8.withContiguousStorageIfAvailable { b in
            for c in b where c >= 0x80 { return false }
            return true
        } ?? utf8.allSatisfy { $0 < 0x80 }
    }

    /// `firstIndex(of:)` for an ASCII character.
    package func firstIndex(ofASCII c: UInt8) -> Index? {
        isASCIIText ? utf8.firstIndex(of: c) : firstIndex(of: Character(Unicode.Scalar(c)))
    }

    /// `lastIndex(of:)` for an ASCII character.
    package func lastIndex(ofASCII c: UInt8) -> Index? {
        isASCIIText ? utf8.lastIndex(of: c) : lastIndex(of: Character(Unicode.Scalar(c)))
    }

    /// `split(separator:omittingEmptySubsequences: false)` on an ASCII character.
    package func fields(separatedByASCII c: UInt8) -> [Substring] {
        guard isASCIIText else { return split(separator: Character(Unicode.Scalar(c)), omittingEmptySubsequences: false) }
        var out: [Substring] = []
        var start = startIndex
        while let i = utf8[start...].firstIndex(of: c) {
            out.append(self[start..<i])
            start = utf8.index(after: i)
        }
        out.append(self[start...])
        return out
    }
}

extension String {
    package var isASCIIText: Bool { self[...].isASCIIText }
    package func firstIndex(ofASCII c: UInt8) -> Index? { self[...].firstIndex(ofASCII: c) }
    package func fields(separatedByASCII c: UInt8) -> [Substring] { self[...].fields(separatedByASCII: c) }
}

extension String {
    /// `utf8.contains(byte)` with memchr, for checks run on every scalar of a big file.
    package func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { b in
            guard let base = b.baseAddress else { return false }
            return memchr(base, Int32(byte), b.count) != nil
        } ?? utf8.contains(byte)
    }
}

extension Character {
    /// `isASCII && isNumber`, without a Unicode property lookup.
    var isASCIIDigit: Bool {
        guard let a = asciiValue else { return false }
        return a >= UInt8(ascii: "0") && a <= UInt8(ascii: "9")
    }
}
