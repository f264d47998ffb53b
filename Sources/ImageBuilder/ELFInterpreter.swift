import Foundation

/// Reads the `PT_INTERP` program header of an ELF file: the dynamic loader a dynamically linked
/// executable names. A static executable has none.
public enum ELFInterpreter {
    /// The loader's path, nil for a statically linked ELF.
    /// - Throws: when `header` is not a 64- or 32-bit little-endian ELF, or its headers are cut off.
    public static func parse(_ bytes: [UInt8]) throws(BuildContextError) -> String? {
        guard bytes.count >= 52, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw BuildContextError("not an ELF executable")
        }
        guard bytes[5] == 1 else { throw BuildContextError("big-endian ELF is not supported") }
        let is64 = bytes[4] == 2
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> Int { u32(at) | u32(at + 4) << 32 }
        func word(_ at: Int) -> Int { is64 ? u64(at) : u32(at) }
        guard !is64 || bytes.count >= 64 else { throw BuildContextError("truncated ELF header") }
        let phoff = is64 ? u64(32) : u32(28)
        let phentsize = is64 ? u16(54) : u16(42)
        let phnum = is64 ? u16(56) : u16(44)
        for i in 0..<phnum {
            let at = phoff + i * phentsize
            guard at >= 0, at + phentsize <= bytes.count, phentsize >= (is64 ? 56 : 32) else {
                throw BuildContextError("truncated ELF program headers")
            }
            guard u32(at) == 3 else { continue }  // PT_INTERP
            let offset = word(at + (is64 ? 8 : 4))
            let size = word(at + (is64 ? 32 : 16))
            guard offset >= 0, size > 0, offset + size <= bytes.count else {
                throw BuildContextError("truncated ELF interpreter path")
            }
            let raw = bytes[offset..<offset + size].prefix { $0 != 0 }
            return String(decoding: raw, as: UTF8.self)
        }
        return nil
    }

    /// Reads the start of `path` (where the headers and the interpreter path live) and parses it.
    public static func of(file path: String) throws(BuildContextError) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BuildContextError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
        do {
            return try parse(Array(head))
        } catch {
            throw BuildContextError("\(path): \(error.message)")
        }
    }
}
