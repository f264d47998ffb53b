import Foundation
import Testing

/// Drives the built `swiftcompose` binary and checks engine state with the docker CLI,
/// an oracle independent of our own client.
enum Harness {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: String {
        if let b = ProcessInfo.processInfo.environment["SWIFTCOMPOSE_BIN"] { return b }
        for config in ["debug", "release"] {
            let p = packageRoot.appendingPathComponent(".build/\(config)/swiftcompose").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return packageRoot.appendingPathComponent(".build/debug/swiftcompose").path
    }

    static let image = "swiftcompose/busybox:latest"

    /// With CI=true a missing daemon must fail the tests, never skip them.
    static let daemonRequired: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        return daemonAnswers
    }()

    static let daemonAnswers: Bool = {
        (try? run(["/usr/bin/env", "curl", "-sf", "--max-time", "3", "--unix-socket", "/var/run/docker.sock", "http://localhost/_ping"]).code) == 0
    }()

    struct Result: CustomStringConvertible {
        var code: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(code)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    @discardableResult
    static func run(_ argv: [String], cwd: URL? = nil, env: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        if let cwd { p.currentDirectoryURL = cwd }
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let inPipe = Pipe()
        p.standardInput = inPipe
        try p.run()
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe never blocks the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(code: p.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    /// Runs swiftcompose in `dir`.
    @discardableResult
    static func compose(_ args: [String], in dir: URL, env: [String: String] = [:], stdin: String? = nil) throws -> Result {
        try run([binary] + args, cwd: dir, env: env, stdin: stdin)
    }

    @discardableResult
    static func docker(_ args: [String]) throws -> Result {
        try run(["/usr/bin/env", "docker"] + args)
    }

    /// A fresh directory holding `compose.yaml` (and any other files given).
    static func project(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sc-e2e-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, content) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)\(UUID().uuidString.prefix(6).lowercased())"
    }

    /// Fails the test when the daemon is required but absent.
    static func requireDaemon() throws {
        if !daemonAnswers {
            Issue.record("no Docker daemon answers on /var/run/docker.sock (CI=true requires one; run `make setup`)")
            throw HarnessError.noDaemon
        }
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("swiftcompose binary not found at \(binary); run `swift build` first")
            throw HarnessError.noBinary
        }
    }

    /// Tests of the binary alone (no daemon) need only the build.
    static func requireBinary() throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("swiftcompose binary not found at \(binary); run `swift build` first")
            throw HarnessError.noBinary
        }
    }

    /// Removes everything labelled with the project, whatever state a failed test left.
    static func cleanup(project: String) {
        let filter = "label=com.docker.compose.project=\(project)"
        if let ids = try? docker(["ps", "-aq", "--filter", filter]).stdout.split(separator: "\n").map(String.init), !ids.isEmpty {
            _ = try? docker(["rm", "-f", "-v"] + ids)
        }
        if let ids = try? docker(["network", "ls", "-q", "--filter", filter]).stdout.split(separator: "\n").map(String.init), !ids.isEmpty {
            _ = try? docker(["network", "rm"] + ids)
        }
        if let ids = try? docker(["volume", "ls", "-q", "--filter", filter]).stdout.split(separator: "\n").map(String.init), !ids.isEmpty {
            _ = try? docker(["volume", "rm", "-f"] + ids)
        }
    }

    /// Container IDs of a project, by service, from `docker ps` (the oracle).
    static func containers(project: String, service: String? = nil, all: Bool = true) throws -> [String] {
        var args = ["ps", "-q", "--no-trunc", "--filter", "label=com.docker.compose.project=\(project)"]
        if all { args.insert("-a", at: 1) }
        if let service { args += ["--filter", "label=com.docker.compose.service=\(service)"] }
        return try docker(args).stdout.split(separator: "\n").map(String.init).sorted()
    }

    /// Polls `condition` every 0.2 s for up to `seconds`: a bounded wait for convergence, not a speed check.
    static func eventually(_ seconds: Double = 90, _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return try condition()
    }

    static func inspect(_ id: String, _ format: String) throws -> String {
        try docker(["inspect", "-f", format, id]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A free TCP port on 127.0.0.1.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// GET http://127.0.0.1:port/path with curl (retries while the server starts).
    static func httpGet(port: Int, path: String = "/", retries: Int = 20) throws -> String? {
        for _ in 0..<retries {
            let r = try run(["/usr/bin/env", "curl", "-sf", "--max-time", "2", "http://127.0.0.1:\(port)\(path)"])
            if r.code == 0 { return r.stdout }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return nil
    }
}

enum HarnessError: Error { case noDaemon, noBinary }
