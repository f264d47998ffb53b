import EngineAPI
import Foundation
import Testing
@testable import ImageBuilder

@Suite struct SupervisorImageTests {
    /// A minimal ELF64 header with one program header of `type`, and the interpreter path after it.
    func elf(programType: UInt32, interpreter: String = "/lib64/ld-linux-x86-64.so.2") -> [UInt8] {
        var b = [UInt8](repeating: 0, count: 64 + 56)
        b[0...3] = [0x7F, 0x45, 0x4C, 0x46]
        b[4] = 2  // 64-bit
        b[5] = 1  // little-endian
        func put(_ value: Int, _ at: Int, _ size: Int) {
            for i in 0..<size { b[at + i] = UInt8((value >> (8 * i)) & 0xFF) }
        }
        put(64, 32, 8)  // e_phoff
        put(56, 54, 2)  // e_phentsize
        put(1, 56, 2)  // e_phnum
        put(Int(programType), 64, 4)
        put(b.count, 64 + 8, 8)  // p_offset
        put(interpreter.utf8.count + 1, 64 + 32, 8)  // p_filesz, with the NUL
        return b + Array(interpreter.utf8) + [0]
    }

    @Test func interpreterOfDynamicAndStaticELF() throws {
        #expect(try ELFInterpreter.parse(elf(programType: 3)) == "/lib64/ld-linux-x86-64.so.2")
        #expect(try ELFInterpreter.parse(elf(programType: 1)) == nil)  // PT_LOAD only: static
        #expect(throws: BuildContextError.self) { try ELFInterpreter.parse(Array("#!/bin/sh\n".utf8) + [UInt8](repeating: 0, count: 60)) }
        var cut = elf(programType: 3)
        cut.removeLast(20)
        #expect(throws: BuildContextError.self) { try ELFInterpreter.parse(cut) }
        // The test runner itself is a dynamically linked ELF.
        #expect(try ELFInterpreter.of(file: SupervisorImage.runningExecutable()) != nil)
    }

    @Test func lddOutputGivesResolvedPaths() throws {
        let output = """
        \tlinux-vdso.so.1 (0x00007ffc8a1f2000)
        \tlibswiftCore.so => /usr/share/swift/usr/lib/swift/linux/libswiftCore.so (0x00007f0e1c000000)
        \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0e1bc00000)
        \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0e1bc00000)
        \t/lib64/ld-linux-x86-64.so.2 (0x00007f0e1d5a0000)
        """
        #expect(try SharedLibraries.parseLdd(output) == [
            "/usr/share/swift/usr/lib/swift/linux/libswiftCore.so",
            "/lib/x86_64-linux-gnu/libc.so.6",
            "/lib64/ld-linux-x86-64.so.2",
        ])
        #expect(try SharedLibraries.parseLdd("\tstatically linked\n") == [])
        // Several files: each list starts with the file's name, which is not a library.
        #expect(try SharedLibraries.parseLdd("/x/libxt_tcp.so:\n\tlibc.so.6 => /lib/libc.so.6 (0x1)\n/x/libxt_udp.so:\n\tlibm.so.6 => /lib/libm.so.6 (0x2)\n")
                == ["/lib/libc.so.6", "/lib/libm.so.6"])
        let error = #expect(throws: BuildContextError.self) { try SharedLibraries.parseLdd("\tlibyaml-0.so.2 => not found\n") }
        #expect(error?.message == "shared library libyaml-0.so.2 not found")
    }

    @Test func contextHoldsDockerfileBinaryAndLibraries() async throws {
        let scratch = try Scratch()
        try scratch.write("bin", "binary", mode: 0o700)
        try scratch.write("libs/liba.so", "A")
        let entries = SupervisorImage.contextEntries(binary: scratch.path + "/bin", libraries: [scratch.path + "/libs/liba.so"])
        var bytes: [UInt8] = []
        for try await chunk in FileListTarStream(entries: entries, chunkSize: 512) { bytes += chunk }
        let archive = parseArchive(bytes)
        let dockerfile = try #require(archive.first { $0.name == "Dockerfile" })
        let text = String(decoding: dockerfile.content, as: UTF8.self)
        #expect(text.hasPrefix("FROM scratch\nCOPY rootfs/ /\nENV LD_LIBRARY_PATH=\(scratch.path)/libs\n"))
        #expect(text.hasSuffix("LABEL io.swiftcompose.role=supervisor\nENTRYPOINT [\"/swiftcompose\"]\nCMD [\"supervise\"]\n"))
        let binary = try #require(archive.first { $0.name == "rootfs/swiftcompose" })
        #expect(binary.content == Array("binary".utf8) && binary.mode & 0o7777 == 0o755)
        #expect(archive.first { $0.name == "rootfs\(scratch.path)/libs/liba.so" }?.content == Array("A".utf8))
        #expect(archive.contains { $0.name == "rootfs\(scratch.path)/libs/" && $0.type == "5" })
        #expect(archive.contains { $0.name == "rootfs/tmp/" && $0.mode & 0o7777 == 0o1777 })
        // A static binary needs no library path.
        #expect(!SupervisorImage.dockerfile(libraries: []).contains("LD_LIBRARY_PATH"))
        // iptables: its binary and extensions are files, not library directories; its path is in the environment.
        let withIPTables = SupervisorImage.dockerfile(
            libraries: ["/usr/sbin/xtables-nft-multi", "/usr/lib/x86_64-linux-gnu/xtables/libxt_tcp.so", "/lib/x86_64-linux-gnu/libxtables.so.12"],
            environment: ["SWIFTCOMPOSE_IPTABLES": "/usr/sbin/xtables-nft-multi"])
        #expect(withIPTables.contains("ENV LD_LIBRARY_PATH=/lib/x86_64-linux-gnu\nENV SWIFTCOMPOSE_IPTABLES=/usr/sbin/xtables-nft-multi\n"))
    }

    @Test func missingHostFileIsReported() async throws {
        let failure = FailureBox()
        let stream = FileListTarStream(entries: [.hostFile(name: "x", source: "/nonexistent/x", mode: 0o644)], failure: failure)
        await #expect(throws: BuildContextError.self) { for try await _ in stream {} }
        #expect(failure.error?.message.hasPrefix("cannot open /nonexistent/x") == true)
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static let daemonAnswers = Task<Bool, Never> {
        guard let client = try? EngineClient(host: .default) else { return false }
        return (try? await client.ping()) != nil
    }

    /// Builds the image for the debug swiftcompose binary and runs `version` in it. Skipped without a
    /// daemon unless CI=true, where a missing daemon fails it.
    @Test(.enabled("needs a Docker daemon (or CI=true, to fail without one)") {
        await daemonAnswers.value || ProcessInfo.processInfo.environment["CI"] == "true"
    })
    func imageRunsTheBinaryUnderScratch() async throws {
        let binary = Self.packageRoot + "/.build/debug/swiftcompose"
        try #require(FileManager.default.isExecutableFile(atPath: binary), "run `swift build` first")
        let engine = try EngineClient(host: .default)
        let reference = "swiftcompose/supervisor:" + (try SupervisorImage.digestPrefix(of: binary))
        // Start from no image so the build path runs, not only the reuse path.
        _ = try? await engine.removeImage(reference, force: true)
        #expect(try await SupervisorImage.ensure(engine: engine, executable: binary) == reference)
        let image = try await engine.inspectImage(reference)
        #expect(image.config?.labels?["io.swiftcompose.role"] == "supervisor")
        #expect(image.config?.entrypoint == ["/swiftcompose"])
        #expect(image.config?.cmd == ["supervise"])
        // Already there: returned as is.
        #expect(try await SupervisorImage.ensure(engine: engine, executable: binary) == reference)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["docker", "run", "--rm", "--network", "none", reference, "version"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.lowercased().contains("swiftcompose"), "\(text)")
    }
}
