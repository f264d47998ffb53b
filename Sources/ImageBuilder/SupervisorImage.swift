import Crypto
import ComposeModel
public import EngineAPI
import Foundation

/// The image the supervisor container runs: `FROM scratch` with the swiftcompose binary itself, and,
/// when that binary is dynamically linked, the shared libraries and loader it needs; with `iptables`,
/// the host's iptables too (its libraries and extensions), for the balancer's kernel forwarding.
/// Tagged by the binary's hash, so each build of swiftcompose gets its own image and an existing one
/// is reused.
public struct SupervisorImage: Sendable {
    public static let repository = "swiftcompose/supervisor"
    public static let roleLabel = "io.swiftcompose.role"
    public static let role = "supervisor"

    /// The image reference for `executable`, building the image first when the engine lacks it.
    public static func ensure(engine: EngineClient, executable: String = SupervisorImage.runningExecutable(),
                              iptables: String? = nil) async throws -> String {
        let binary = BuildContext.realPath(executable)
        let reference = "\(repository):\(try digestPrefix(of: binary))" + (iptables == nil ? "" : "-netfilter")
        do {
            _ = try await engine.inspectImage(reference)
            return reference
        } catch let error as EngineError where error.isNotFound {
            // Not built yet for this binary.
        }
        var libraries = try ELFInterpreter.of(file: binary) == nil ? [] : SharedLibraries.of(executable: binary)
        var environment: [String: String] = [:]
        if let iptables {
            let own = try SharedLibraries.of(executable: iptables)
            let extensions = extensionFiles(near: own)
            for file in [iptables] + own + extensions + (extensions.isEmpty ? [] : try SharedLibraries.of(files: extensions)) where !libraries.contains(file) {
                libraries.append(file)
            }
            environment["SWIFTCOMPOSE_IPTABLES"] = iptables
        }
        let failure = FailureBox()
        let context = FileListTarStream(entries: contextEntries(binary: binary, libraries: libraries, environment: environment),
                                        failure: failure)
        let options = BuildOptions(tags: [reference], dockerfile: "Dockerfile", forceRm: true)
        _ = try await ImageBuilder(engine: engine).run(context: context, failure: failure, options: options,
                                                       service: role, image: reference, output: { _ in })
        return reference
    }

    /// The running binary's path, symlinks resolved.
    public static func runningExecutable() -> String {
        let resolved = BuildContext.realPath("/proc/self/exe")
        return resolved == "/proc/self/exe" ? CommandLine.arguments[0] : resolved
    }

    /// iptables loads its extensions (matches, targets) from an `xtables` directory beside its libraries.
    static func extensionFiles(near libraries: [String]) -> [String] {
        for library in libraries {
            let dir = (library as NSString).deletingLastPathComponent
            for candidate in ["/usr" + dir + "/xtables", dir + "/xtables"] {
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: candidate) else { continue }
                return names.filter { $0.hasSuffix(".so") }.sorted().map { candidate + "/" + $0 }
            }
        }
        return []
    }

    /// The Dockerfile, and the binary and libraries under `rootfs/` at their absolute paths.
    static func contextEntries(binary: String, libraries: [String], environment: [String: String] = [:]) -> [FileListTarStream.Entry] {
        var entries: [FileListTarStream.Entry] = [
            .bytes(name: "Dockerfile", content: Array(dockerfile(libraries: libraries, environment: environment).utf8), mode: 0o644),
            .directory(name: "rootfs", mode: 0o755),
            // Scratch has no /tmp; anything creating a temporary file would fail.
            .directory(name: "rootfs/tmp", mode: 0o1777),
            // iptables (legacy) takes its lock under /run.
            .directory(name: "rootfs/run", mode: 0o755),
            .hostFile(name: "rootfs/swiftcompose", source: binary, mode: 0o755),
        ]
        var directories: Set<String> = ["rootfs", "rootfs/tmp", "rootfs/run"]
        for library in libraries {
            var parent = ""
            for part in library.split(separator: "/").dropLast() {
                parent += "/" + part
                if directories.insert("rootfs" + parent).inserted {
                    entries.append(.directory(name: "rootfs" + parent, mode: 0o755))
                }
            }
            entries.append(.hostFile(name: "rootfs" + library, source: library, mode: 0o755))
        }
        return entries
    }

    /// Libraries are found through LD_LIBRARY_PATH: scratch has no ld.so.cache, and the binary's
    /// RUNPATH may name toolchain directories in another layout.
    static func dockerfile(libraries: [String], environment: [String: String] = [:]) -> String {
        var lines = ["FROM scratch", "COPY rootfs/ /"]
        var directories: [String] = []
        for library in libraries where library.contains(".so") && !library.contains("/xtables/") {
            let dir = String(library[..<(library.lastIndex(of: "/") ?? library.startIndex)])
            if !dir.isEmpty && !directories.contains(dir) { directories.append(dir) }
        }
        if !directories.isEmpty { lines.append("ENV LD_LIBRARY_PATH=" + directories.joined(separator: ":")) }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { lines.append("ENV \(key)=\(value)") }
        lines += [
            "LABEL \(roleLabel)=\(role)",
            #"ENTRYPOINT ["/swiftcompose"]"#,
            #"CMD ["supervise"]"#,
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first 12 hex digits of the file's SHA-256, read in chunks (a debug binary is large).
    static func digestPrefix(of path: String) throws(BuildContextError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BuildContextError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let data: Data?
            do {
                data = try handle.read(upToCount: 1 << 20)
            } catch {
                throw BuildContextError("cannot read \(path): \(error)")
            }
            guard let data, !data.isEmpty else { break }
            hasher.update(data: data)
        }
        let hex = hasher.finalize().lowercaseHex
        return String(hex.prefix(12))
    }
}
