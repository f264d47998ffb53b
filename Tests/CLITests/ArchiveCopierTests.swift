import Foundation
import Testing
@testable import SwiftComposeCLI

/// Where `cp` puts things locally: docker cp's rules for existing directories, files and new paths.
@Suite struct ArchiveCopierTests {
    func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sc-cp-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir + "/existing", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/file.txt", contents: Data("x".utf8))
        return dir
    }

    @Test func intoAnExistingDirectoryUnderTheSourceName() throws {
        let d = try scratch()
        defer { try? FileManager.default.removeItem(atPath: d) }
        #expect(try ArchiveCopier.localRoot(dest: d + "/existing", srcIsDir: true, contentsOnly: false, name: "tree")
            == d + "/existing/tree")
        #expect(try ArchiveCopier.localRoot(dest: d + "/existing/", srcIsDir: false, contentsOnly: false, name: "a.txt")
            == d + "/existing/a.txt")
        // SRC/. copies the contents into the directory itself.
        #expect(try ArchiveCopier.localRoot(dest: d + "/existing", srcIsDir: true, contentsOnly: true, name: "tree")
            == d + "/existing")
    }

    @Test func newPathsAndFiles() throws {
        let d = try scratch()
        defer { try? FileManager.default.removeItem(atPath: d) }
        #expect(try ArchiveCopier.localRoot(dest: d + "/new", srcIsDir: true, contentsOnly: false, name: "tree") == d + "/new")
        #expect(try ArchiveCopier.localRoot(dest: d + "/file.txt", srcIsDir: false, contentsOnly: false, name: "a") == d + "/file.txt")
        #expect(throws: CommandFailure.self) {
            try ArchiveCopier.localRoot(dest: d + "/file.txt", srcIsDir: true, contentsOnly: false, name: "tree")
        }
        #expect(throws: CommandFailure.self) {
            try ArchiveCopier.localRoot(dest: d + "/missing/", srcIsDir: false, contentsOnly: false, name: "a")
        }
        #expect(throws: CommandFailure.self) {
            try ArchiveCopier.localRoot(dest: d + "/no/such/parent", srcIsDir: false, contentsOnly: false, name: "a")
        }
    }

    @Test func pathPieces() {
        #expect(ArchiveCopier.baseName("/a/b/") == "b")
        #expect(ArchiveCopier.baseName("/a/b/.") == "b")
        #expect(ArchiveCopier.baseName("file") == "file")
        #expect(ArchiveCopier.dirName("/a/b") == "/a")
        #expect(ArchiveCopier.dirName("/a") == "/")
        #expect(ArchiveCopier.dirName("a") == ".")
    }

    @Test func localArchiveRoundTripsThroughTheReader() throws {
        let d = try scratch()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try FileManager.default.createDirectory(atPath: d + "/existing/sub", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: d + "/existing/sub/b.txt", contents: Data("bee".utf8))
        try FileManager.default.createSymbolicLink(atPath: d + "/existing/link", withDestinationPath: "sub/b.txt")
        let tar = try LocalArchiver(followTopLink: false).archive(path: d + "/existing", as: "copy")
        var reader = TarReader()
        let entries = try reader.feed(tar)
        try reader.finish()
        #expect(entries.map(\.path) == ["copy", "copy/link", "copy/sub", "copy/sub/b.txt"])
        #expect(entries.first { $0.path == "copy/link" }?.kind == .symlink)
        #expect(entries.first { $0.path == "copy/link" }?.linkTarget == "sub/b.txt")
        #expect(entries.last?.data == Array("bee".utf8))

        // Extracted elsewhere, the tree comes back the same.
        var x = LocalExtractor(root: d + "/out", archiveRoot: "copy", preserveOwners: false)
        for e in entries { try x.write(e) }
        try x.finish()
        #expect(try String(contentsOfFile: d + "/out/sub/b.txt", encoding: .utf8) == "bee")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: d + "/out/link") == "sub/b.txt")
    }
}
