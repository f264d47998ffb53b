import Foundation
import Testing
@testable import ImageBuilder

/// A scratch directory removed at the end of each test.
final class Scratch {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "ib-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ rel: String, _ content: String, mode: Int = 0o644) throws {
        let url = URL(fileURLWithPath: path + "/" + rel)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }

    func symlink(_ rel: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path + "/" + rel, withDestinationPath: target)
    }
}

/// Entries of an archive, parsed with our header reader (pax `path` honoured).
struct ArchiveEntry: Equatable {
    var name: String
    var type: Character
    var mode: Int64
    var link: String
    var content: [UInt8]
}

func parseArchive(_ bytes: [UInt8]) -> [ArchiveEntry] {
    var out: [ArchiveEntry] = []
    var offset = 0
    var paxPath: String?
    var paxLink: String?
    while offset + 512 <= bytes.count {
        let block = Array(bytes[offset..<(offset + 512)])
        if block.allSatisfy({ $0 == 0 }) { break }
        let h = ParsedHeader(block)
        let size = Int(h.size)
        let data = Array(bytes[(offset + 512)..<(offset + 512 + size)])
        offset += 512 + ((size + 511) / 512) * 512
        if h.typeflag == "x" {
            for record in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let kv = record.split(separator: " ", maxSplits: 1)[1]
                let parts = kv.split(separator: "=", maxSplits: 1).map(String.init)
                if parts[0] == "path" { paxPath = parts[1] }
                if parts[0] == "linkpath" { paxLink = parts[1] }
            }
            continue
        }
        let name = paxPath ?? (h.prefix.isEmpty ? h.name : h.prefix + "/" + h.name)
        out.append(ArchiveEntry(name: name, type: h.typeflag, mode: h.mode, link: paxLink ?? h.linkname, content: data))
        paxPath = nil
        paxLink = nil
    }
    return out
}

func archive(_ context: BuildContext, chunkSize: Int = 1 << 20) async throws -> (bytes: [UInt8], chunks: [Int]) {
    var bytes: [UInt8] = []
    var chunks: [Int] = []
    for try await chunk in context.tarStream(chunkSize: chunkSize) {
        bytes += chunk
        chunks.append(chunk.count)
    }
    return (bytes, chunks)
}

@Suite struct ContextTarStreamTests {
    @Test func honoursDockerignoreButAlwaysSendsDockerfileAndIgnoreFile() async throws {
        let dir = try Scratch()
        try dir.write("Dockerfile", "FROM scratch\n")
        try dir.write(".dockerignore", "*.log\nsecret\nDockerfile\n.dockerignore\nbuild\n!build/keep.txt\n")
        try dir.write("app.txt", "app")
        try dir.write("debug.log", "log")
        try dir.write("secret/key", "k")
        try dir.write("build/keep.txt", "keep")
        try dir.write("build/drop.txt", "drop")
        try dir.write("src/nested/deep.log", "not top level, kept")
        let context = try BuildContext.prepare(directory: dir.path, dockerfile: nil, inlineDockerfile: nil)
        #expect(context.dockerfileName == "Dockerfile")
        let entries = parseArchive(try await archive(context).bytes)
        #expect(entries.map(\.name) == [".dockerignore", "Dockerfile", "app.txt", "build/keep.txt",
                                        "src/", "src/nested/", "src/nested/deep.log"])
        #expect(entries.first { $0.name == "app.txt" }?.content == Array("app".utf8))
    }

    @Test func symlinksAreStoredAsLinksNeverFollowed() async throws {
        let dir = try Scratch()
        try dir.write("Dockerfile", "FROM scratch\n")
        try dir.symlink("passwd", to: "/etc/passwd")
        try dir.symlink("up", to: "../..")
        let entries = parseArchive(try await archive(BuildContext.prepare(directory: dir.path, dockerfile: nil, inlineDockerfile: nil)).bytes)
        let link = try #require(entries.first { $0.name == "passwd" })
        #expect(link.type == "2")
        #expect(link.link == "/etc/passwd")
        #expect(link.content.isEmpty)
        #expect(entries.first { $0.name == "up" }?.link == "../..")
    }

    @Test func modesAndLongPathsSurvive() async throws {
        let dir = try Scratch()
        try dir.write("Dockerfile", "FROM scratch\n")
        try dir.write("run.sh", "#!/bin/sh\n", mode: 0o755)
        try dir.write("private", "x", mode: 0o600)
        let long = (0..<12).map { "segment\($0)-abcdefghijklmnop" }.joined(separator: "/") + "/file.txt"
        try dir.write(long, "deep")
        let entries = parseArchive(try await archive(BuildContext.prepare(directory: dir.path, dockerfile: nil, inlineDockerfile: nil)).bytes)
        #expect(entries.first { $0.name == "run.sh" }?.mode == 0o100755)
        #expect(entries.first { $0.name == "private" }?.mode == 0o100600)
        let deep = try #require(entries.first { $0.name == long })
        #expect(deep.content == Array("deep".utf8))
    }

    @Test func systemTarReadsTheArchive() async throws {
        let dir = try Scratch()
        try dir.write("Dockerfile", "FROM scratch\n")
        let long = String(repeating: "n", count: 120) + "/" + String(repeating: "m", count: 120) + "/" + String(repeating: "o", count: 80)
        try dir.write(long, "content")
        try dir.symlink("link", to: "Dockerfile")
        let bytes = try await archive(BuildContext.prepare(directory: dir.path, dockerfile: nil, inlineDockerfile: nil)).bytes
        let file = dir.path + ".tar"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tar", "-tvf", file]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let listing = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(listing.contains(long))
        #expect(listing.contains("link -> Dockerfile"))
        #expect(listing.contains("root/root") || listing.contains("0/0"))
    }

    @Test func chunksAreBoundedAndLargeFilesStreamed() async throws {
        let dir = try Scratch()
        try dir.write("Dockerfile", "FROM scratch\n")
        let big = [UInt8]((0..<(3 * 1024 * 1024 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try Data(big).write(to: URL(fileURLWithPath: dir.path + "/big.bin"))
        for i in 0..<50 { try dir.write("small/\(i).txt", String(repeating: "s", count: i)) }
        let (bytes, chunks) = try await archive(BuildContext.prepare(directory: dir.path, dockerfile: nil, inlineDockerfile: nil), chunkSize: 64 * 1024)
        #expect(chunks.dropLast().allSatisfy { $0 == 64 * 1024 })
        #expect(chunks.last! <= 64 * 1024)
        #expect(bytes.count % 512 == 0)
        let entries = parseArchive(bytes)
        #expect(entries.first { $0.name == "big.bin" }?.content == big)
        #expect(entries.filter { $0.name.hasPrefix("small/") && $0.type == "0" }.count == 50)
    }

    @Test func dockerfileOutsideContextIsAddedUnderGeneratedName() async throws {
        let root = try Scratch()
        try root.write("docker/app.Dockerfile", "FROM scratch\nCOPY . /\n")
        try root.write("ctx/.dockerignore", "*.tmp")
        try root.write("ctx/a.txt", "a")
        let context = try BuildContext.prepare(directory: root.path + "/ctx", dockerfile: "../docker/app.Dockerfile", inlineDockerfile: nil)
        #expect(context.dockerfileName.hasPrefix(".dockerfile."))
        let entries = parseArchive(try await archive(context).bytes)
        #expect(entries.map(\.name) == [context.dockerfileName, ".dockerignore", "a.txt"])
        #expect(entries[0].content == Array("FROM scratch\nCOPY . /\n".utf8))
        #expect(String(decoding: entries[1].content, as: UTF8.self) == "*.tmp\n\(context.dockerfileName)\n")
        // Same Dockerfile, same name: the build cache keeps working.
        let again = try BuildContext.prepare(directory: root.path + "/ctx", dockerfile: root.path + "/docker/app.Dockerfile", inlineDockerfile: nil)
        #expect(again.dockerfileName == context.dockerfileName)
    }

    @Test func inlineDockerfile() async throws {
        let dir = try Scratch()
        try dir.write("a.txt", "a")
        let context = try BuildContext.prepare(directory: dir.path, dockerfile: "Dockerfile", inlineDockerfile: "FROM scratch\n")
        let entries = parseArchive(try await archive(context).bytes)
        #expect(entries.first?.name == context.dockerfileName)
        #expect(entries.first?.content == Array("FROM scratch\n".utf8))
        #expect(entries.contains { $0.name == ".dockerignore" })
    }

    @Test func dockerfileInSubdirectoryKeepsItsPath() throws {
        let dir = try Scratch()
        try dir.write("build/prod.Dockerfile", "FROM scratch\n")
        let context = try BuildContext.prepare(directory: dir.path, dockerfile: "build/prod.Dockerfile", inlineDockerfile: nil)
        #expect(context.dockerfileName == "build/prod.Dockerfile")
        #expect(context.generatedFiles.isEmpty)
    }

    @Test func missingPiecesGiveClearErrors() throws {
        let dir = try Scratch()
        #expect(throws: BuildContextError.self) {
            try BuildContext.prepare(directory: dir.path + "/nope", dockerfile: nil, inlineDockerfile: nil)
        }
        do {
            _ = try BuildContext.prepare(directory: dir.path, dockerfile: "Containerfile", inlineDockerfile: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("Containerfile"))
            #expect(error.message.contains("build.dockerfile"))
        }
        try dir.write("Dockerfile", "FROM scratch\n")
        try dir.write(".dockerignore", "[oops")
        #expect(throws: BuildContextError.self) {
            try BuildContext.prepare(directory: dir.path, dockerfile: nil, inlineDockerfile: nil)
        }
    }

    @Test func walkFailureIsRecordedWithItsPath() async throws {
        let dir = try Scratch()
        try dir.write("Dockerfile", "FROM scratch\n")
        let context = try BuildContext.prepare(directory: dir.path, dockerfile: nil, inlineDockerfile: nil)
        try FileManager.default.removeItem(atPath: dir.path)
        let box = FailureBox()
        await #expect(throws: BuildContextError.self) {
            for try await _ in context.tarStream(failure: box) {}
        }
        #expect(box.error?.message.contains(dir.path) == true)
    }
}
