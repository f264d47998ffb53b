import Testing
@testable import ImageBuilder

/// Reads back the fields of a ustar header block.
struct ParsedHeader {
    let block: [UInt8]
    init(_ bytes: some Collection<UInt8>) { block = Array(bytes) }
    func string(_ offset: Int, _ length: Int) -> String {
        let field = block[offset..<(offset + length)]
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[field.startIndex..<end], as: UTF8.self)
    }
    func octal(_ offset: Int, _ length: Int) -> Int64 {
        Int64(string(offset, length).trimmingCharacters(in: " "), radix: 8) ?? -1
    }
    var name: String { string(0, 100) }
    var mode: Int64 { octal(100, 8) }
    var uid: Int64 { octal(108, 8) }
    var size: Int64 { octal(124, 12) }
    var mtime: Int64 { octal(136, 12) }
    var typeflag: Character { Character(Unicode.Scalar(block[156])) }
    var linkname: String { string(157, 100) }
    var magic: String { string(257, 6) }
    var version: String { string(263, 2) }
    var prefix: String { string(345, 155) }
    var checksumValid: Bool {
        var copy = block
        for i in 148..<156 { copy[i] = UInt8(ascii: " ") }
        return Int64(copy.reduce(0) { $0 + Int($1) }) == octal(148, 8)
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

@Suite struct TarHeaderTests {
    @Test func regularFileHeader() {
        let bytes = TarHeader.encode(TarEntry(name: "src/main.swift", kind: .file(size: 1234), mode: 0o644, modificationTime: 1_700_000_000))
        #expect(bytes.count == 512)
        let h = ParsedHeader(bytes)
        #expect(h.name == "src/main.swift")
        #expect(h.mode == 0o100644)
        #expect(h.uid == 0)
        #expect(h.size == 1234)
        #expect(h.mtime == 1_700_000_000)
        #expect(h.typeflag == "0")
        #expect(h.magic == "ustar")
        #expect(h.version == "00")
        #expect(h.checksumValid)
    }

    @Test func directoryGetsTrailingSlashAndTypeBits() {
        let h = ParsedHeader(TarHeader.encode(TarEntry(name: "bin", kind: .directory, mode: 0o755, modificationTime: 0)))
        #expect(h.name == "bin/")
        #expect(h.typeflag == "5")
        #expect(h.mode == 0o40755)
        #expect(h.size == 0)
    }

    @Test func specialPermissionBitsAreKept() {
        let h = ParsedHeader(TarHeader.encode(TarEntry(name: "tool", kind: .file(size: 0), mode: 0o4755, modificationTime: 0)))
        #expect(h.mode == 0o104755)
        let sticky = ParsedHeader(TarHeader.encode(TarEntry(name: "tmp", kind: .directory, mode: 0o1777, modificationTime: 0)))
        #expect(sticky.mode == 0o41777)
    }

    @Test func symlinkStoresTargetNotContent() {
        let h = ParsedHeader(TarHeader.encode(TarEntry(name: "link", kind: .symlink(target: "../../etc/passwd"), mode: 0o777, modificationTime: 0)))
        #expect(h.typeflag == "2")
        #expect(h.linkname == "../../etc/passwd")
        #expect(h.size == 0)
        #expect(h.mode == 0o120777)
    }

    @Test func nameUpTo256SplitsIntoPrefix() {
        let dir = String(repeating: "d", count: 120)
        let name = dir + "/" + String(repeating: "f", count: 90)
        let bytes = TarHeader.encode(TarEntry(name: name, kind: .file(size: 1), mode: 0o644, modificationTime: 0))
        #expect(bytes.count == 512)  // no pax header needed
        let h = ParsedHeader(bytes)
        #expect(h.prefix == dir)
        #expect(h.name == String(repeating: "f", count: 90))
        #expect(h.checksumValid)
    }

    @Test func longDirectoryNameSplitsBeforeItsTrailingSlash() {
        let name = String(repeating: "a", count: 60) + "/" + String(repeating: "b", count: 60)
        let h = ParsedHeader(TarHeader.encode(TarEntry(name: name, kind: .directory, mode: 0o755, modificationTime: 0)))
        #expect(h.prefix == String(repeating: "a", count: 60))
        #expect(h.name == String(repeating: "b", count: 60) + "/")
    }

    @Test func veryLongNameUsesPaxPath() {
        let name = (0..<30).map { _ in "component" }.joined(separator: "/") + "/file.txt"
        #expect(name.utf8.count > 256)
        let bytes = TarHeader.encode(TarEntry(name: name, kind: .file(size: 5), mode: 0o600, modificationTime: 7))
        let pax = ParsedHeader(bytes[0..<512])
        #expect(pax.typeflag == "x")
        #expect(pax.checksumValid)
        let recordLength = Int(pax.size)
        let records = String(decoding: bytes[512..<(512 + recordLength)], as: UTF8.self)
        let expected = " path=\(name)\n"
        #expect(records == "\(expected.utf8.count + String(expected.utf8.count + 3).count)\(expected)")
        // Records are padded to a block, then the real header follows.
        let paddedEnd = 512 + ((recordLength + 511) / 512) * 512
        #expect(bytes.count == paddedEnd + 512)
        let h = ParsedHeader(bytes[paddedEnd...])
        #expect(h.typeflag == "0")
        #expect(h.size == 5)
        #expect(h.checksumValid)
    }

    @Test func nonASCIINameUsesPax() {
        let bytes = TarHeader.encode(TarEntry(name: "données/été.txt", kind: .file(size: 0), mode: 0o644, modificationTime: 0))
        #expect(ParsedHeader(bytes[0..<512]).typeflag == "x")
        let records = String(decoding: bytes[512..<(512 + Int(ParsedHeader(bytes[0..<512]).size))], as: UTF8.self)
        #expect(records.contains("path=données/été.txt\n"))
    }

    @Test func longLinkTargetUsesPaxLinkpath() {
        let target = String(repeating: "t", count: 150)
        let bytes = TarHeader.encode(TarEntry(name: "l", kind: .symlink(target: target), mode: 0o777, modificationTime: 0))
        let pax = ParsedHeader(bytes[0..<512])
        #expect(pax.typeflag == "x")
        let records = String(decoding: bytes[512..<(512 + Int(pax.size))], as: UTF8.self)
        #expect(records.hasSuffix(" linkpath=\(target)\n"))
        #expect(ParsedHeader(bytes[1024...]).name == "l")
    }

    @Test func hugeFileSizeUsesPaxSize() {
        let size: Int64 = 9 * 1024 * 1024 * 1024
        let bytes = TarHeader.encode(TarEntry(name: "big.img", kind: .file(size: size), mode: 0o644, modificationTime: 0))
        let pax = ParsedHeader(bytes[0..<512])
        let records = String(decoding: bytes[512..<(512 + Int(pax.size))], as: UTF8.self)
        #expect(records.contains(" size=\(size)\n"))
        #expect(ParsedHeader(bytes[1024...]).size == 0)
    }

    @Test func paxRecordLengthCountsItself() {
        #expect(TarHeader.paxRecords([("a", "b")]) == Array("6 a=b\n".utf8))
    }

    @Test func paxRecordLengthAcrossDigitBoundary() {
        // body of 97 bytes: 97+2 = 99 fits two digits; 98 bytes: 98+2 = 100 needs three → 101.
        let v97 = String(repeating: "v", count: 97 - 4)  // " k=" + value + "\n" = 97
        #expect(String(decoding: TarHeader.paxRecords([("k", v97)]), as: UTF8.self).hasPrefix("99 "))
        let v98 = String(repeating: "v", count: 98 - 4)
        let r = String(decoding: TarHeader.paxRecords([("k", v98)]), as: UTF8.self)
        #expect(r.hasPrefix("101 "))
        #expect(r.utf8.count == 101)
    }

    @Test func paddingRoundsToBlocks() {
        #expect(TarHeader.padding(0).isEmpty)
        #expect(TarHeader.padding(1).count == 511)
        #expect(TarHeader.padding(512).isEmpty)
        #expect(TarHeader.padding(513).count == 511)
        #expect(TarHeader.endOfArchive.count == 1024)
    }
}
