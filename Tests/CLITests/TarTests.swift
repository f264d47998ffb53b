import Testing
@testable import SwiftComposeCLI

@Suite struct TarTests {
    func roundTrip(_ entries: [TarEntry], chunk: Int = 1 << 20) throws -> [TarEntry] {
        var w = TarWriter()
        for e in entries { w.append(e) }
        let bytes = w.finish()
        #expect(bytes.count % 512 == 0)
        var r = TarReader()
        var out: [TarEntry] = []
        var i = 0
        while i < bytes.count {
            out += try r.feed(Array(bytes[i..<min(i + chunk, bytes.count)]))
            i += chunk
        }
        try r.finish()
        return out
    }

    @Test func filesDirectoriesAndLinksRoundTrip() throws {
        let entries = [
            TarEntry(path: "dir", kind: .directory, mode: 0o755, uid: 1000, gid: 100, mtime: 1_700_000_000),
            TarEntry(path: "dir/a.txt", kind: .file, mode: 0o644, mtime: 1_700_000_001, data: Array("hello\n".utf8)),
            TarEntry(path: "dir/empty", kind: .file, mode: 0o600),
            TarEntry(path: "dir/link", kind: .symlink, mode: 0o777, linkTarget: "a.txt"),
            TarEntry(path: "dir/big", kind: .file, mode: 0o644, data: (0..<5000).map { UInt8($0 % 251) }),
        ]
        #expect(try roundTrip(entries) == entries)
        // Fed a few bytes at a time, entries still come out whole.
        #expect(try roundTrip(entries, chunk: 7) == entries)
    }

    @Test func longNamesUsePrefixOrPax() throws {
        let prefixed = String(repeating: "d", count: 120) + "/" + String(repeating: "f", count: 90)
        let pax = String(repeating: "x", count: 300)
        let longLink = "/" + String(repeating: "t", count: 150)
        let entries = [
            TarEntry(path: prefixed, kind: .file, mode: 0o644, data: [1, 2, 3]),
            TarEntry(path: pax, kind: .file, mode: 0o644, data: [4]),
            TarEntry(path: "l", kind: .symlink, mode: 0o777, linkTarget: longLink),
        ]
        #expect(try roundTrip(entries) == entries)
        #expect(TarWriter.splitName(prefixed)?.0 == String(repeating: "d", count: 120))
        #expect(TarWriter.splitName(pax) == nil)
    }

    @Test func paxRecordLengthCountsItself() {
        // " path=abc\n" is 10 bytes; with "12" in front the record is 12 bytes long.
        #expect(String(decoding: TarWriter.paxRecord("path", "abc"), as: UTF8.self) == "12 path=abc\n")
        // " path=" + 92 × "a" + "\n" is 99 bytes; 2 digits would make 101, which needs 3 digits: 102.
        let long = TarWriter.paxRecord("path", String(repeating: "a", count: 92))
        #expect(String(decoding: long.prefix(4), as: UTF8.self) == "102 ")
        #expect(long.count == 102)
        #expect(TarReader.paxRecords(long)["path"] == String(repeating: "a", count: 92))
    }

    @Test func corruptHeaderIsAnErrorNotACrash() {
        var w = TarWriter()
        w.append(TarEntry(path: "a", kind: .file, mode: 0o644, data: [1]))
        var bytes = w.finish()
        bytes[10] ^= 0xff
        var r = TarReader()
        #expect(throws: TarReader.FormatError.self) { try r.feed(bytes) }
    }

    @Test func truncatedStreamIsReported() throws {
        var w = TarWriter()
        w.append(TarEntry(path: "a", kind: .file, mode: 0o644, data: [UInt8](repeating: 9, count: 1000)))
        let bytes = w.finish()
        var r = TarReader()
        #expect(try r.feed(Array(bytes.prefix(700))).isEmpty)
        #expect(throws: TarReader.FormatError.self) { try r.finish() }
    }

    @Test func extractorKeepsEntriesInsideTheRoot() {
        let x = LocalExtractor(root: "/tmp/dest", archiveRoot: "src", preserveOwners: false)
        #expect(x.localPath("src") == "/tmp/dest")
        #expect(x.localPath("src/a/b.txt") == "/tmp/dest/a/b.txt")
        #expect(x.localPath("./src/a") == "/tmp/dest/a")
        #expect(x.localPath("src/../../etc/passwd") == nil)
    }
}
