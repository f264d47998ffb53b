import ComposeLoader
import ComposeModel
import Foundation
import Testing

/// The compose-go fixtures (`/work/shared/conformance/compose-go`), loaded in place (read only).
enum Conformance {
    static let root = SharedData.root + "/conformance/compose-go"
    static let testdata = root + "/loader/testdata"
    static var available: Bool { FileManager.default.fileExists(atPath: root + "/index.tsv") }

    /// One row of index.tsv.
    struct Row: Sendable {
        var path: String
        var expect: String
        var note: String
    }

    static func rows() -> [Row] {
        guard let text = try? String(contentsOfFile: root + "/index.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cols = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard cols.count == 3 else { return nil }
            return Row(path: cols[0], expect: cols[1], note: cols[2])
        }
    }

    /// Options for a fixture, run from `cwd` with a clean environment (plus `env`).
    static func options(_ files: [String], cwd: String, env: [String: String] = [:]) -> LoadOptions {
        var o = LoadOptions(workingDirectory: cwd, environment: env)
        o.files = files
        o.remoteResolver = { ref in
            ref.hasPrefix("remote:") ? testdata + "/remote/" + ref.dropFirst("remote:".count) : nil
        }
        return o
    }

    static func load(_ files: [String], cwd: String = testdata, env: [String: String] = [:],
                     configure: (inout LoadOptions) -> Void = { _ in }) throws(ComposeError) -> Project {
        var o = options(files, cwd: cwd, env: env)
        configure(&o)
        return try ProjectLoader.load(o)
    }

    /// The error a load fails with, or nil when it succeeds.
    static func error(_ files: [String], cwd: String = testdata, env: [String: String] = [:],
                      configure: (inout LoadOptions) -> Void = { _ in }) -> ComposeError? {
        do {
            _ = try load(files, cwd: cwd, env: env, configure: configure)
            return nil
        } catch {
            return error
        }
    }

    /// A scratch directory with the given files, removed by the caller.
    static func scratch(_ files: [String: String]) throws -> String {
        let dir = NSTemporaryDirectory() + "swiftcompose-loader-\(UUID().uuidString)"
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }
}
