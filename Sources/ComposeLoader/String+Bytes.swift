import Foundation

extension String {
    /// `utf8.contains(byte)` with memchr, for checks run on every scalar of a big file.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { b in
            guard let base = b.baseAddress else { return false }
            return memchr(base, Int32(byte), b.count) != nil
        } ?? utf8.contains(byte)
    }

    /// `firstIndex(of:)` for an ASCII character, by bytes when the string is ASCII: the same index
    /// (each character is one byte), without Character iteration.
    func firstIndex(ofASCII c: UInt8) -> String.Index? {
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.firstIndex(of: c) }
        return firstIndex(of: Character(Unicode.Scalar(c)))
    }
}
