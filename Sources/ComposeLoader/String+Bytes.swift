import Foundation

extension String {
    /// `utf8.contains(byte)` with memchr, for checks run on every scalar of a big file.
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { b in
            guard let base = b.baseAddress else { return false }
            return memchr(base, Int32(byte), b.count) != nil
        } ?? utf8.contains(byte)
    }
}
