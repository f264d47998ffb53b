import Foundation

/// What goes into one build context: the directory, the `.dockerignore` rules, the Dockerfile's name
/// inside the archive, and files generated for it (a Dockerfile from outside the context or inline,
/// with the `.dockerignore` extended so the daemon drops it again after reading it).
public struct BuildContext: Sendable {
    /// Absolute, symlinks resolved.
    public let directory: String
    public let matcher: PatternMatcher
    /// The `dockerfile` query parameter: the Dockerfile's path inside the archive.
    public let dockerfileName: String
    /// Written first, in this order; the walk skips these names.
    public let generatedFiles: [(name: String, content: [UInt8], mode: UInt32)]

    public init(directory: String, matcher: PatternMatcher, dockerfileName: String,
                generatedFiles: [(name: String, content: [UInt8], mode: UInt32)] = []) {
        self.directory = directory
        self.matcher = matcher
        self.dockerfileName = dockerfileName
        self.generatedFiles = generatedFiles
    }

    /// Reads `.dockerignore` and locates the Dockerfile.
    /// - Parameters:
    ///   - dockerfile: relative to the context, or absolute; nil = `Dockerfile`.
    ///   - inlineDockerfile: `dockerfile_inline`, which wins over `dockerfile`.
    public static func prepare(directory: String, dockerfile: String?, inlineDockerfile: String?) throws(BuildContextError) -> BuildContext {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir) else {
            throw BuildContextError("build context \(directory) does not exist; create it or fix build.context")
        }
        guard isDir.boolValue else {
            throw BuildContextError("build context \(directory) is not a directory; build.context must name a directory")
        }
        let root = realPath(directory)

        let ignorePath = root + "/.dockerignore"
        var ignoreText: String?
        if fm.fileExists(atPath: ignorePath) { ignoreText = try readText(ignorePath) }
        var patterns = ignoreText.map(DockerIgnore.patterns) ?? []
        let firstMatcher: PatternMatcher
        do {
            firstMatcher = try PatternMatcher(patterns)
        } catch {
            throw BuildContextError("\(ignorePath): \(error)")
        }

        var external: [UInt8]?
        var dockerfileName = "Dockerfile"
        if let inlineDockerfile {
            external = Array(inlineDockerfile.utf8)
        } else {
            let given = dockerfile ?? "Dockerfile"
            let absolute = given.hasPrefix("/") ? given : PathClean.clean(root + "/" + given)
            guard fm.fileExists(atPath: absolute, isDirectory: &isDir), !isDir.boolValue else {
                throw BuildContextError("cannot locate the Dockerfile \(absolute); create it or set build.dockerfile "
                                        + "(a path relative to the context \(root))")
            }
            let resolved = realPath(absolute)
            if resolved.hasPrefix(root + "/") {
                dockerfileName = String(resolved.dropFirst(root.count + 1))
            } else {
                external = try readBytes(resolved)
            }
        }

        var generated: [(name: String, content: [UInt8], mode: UInt32)] = []
        if let external {
            // Docker's CLI adds an outside Dockerfile under a generated name and lists that name in
            // .dockerignore, so the daemon reads it but COPY never sees it. The name follows the content
            // so that rebuilding the same Dockerfile keeps the build cache.
            dockerfileName = ".dockerfile." + fingerprint(external)
            var ignore = Array((ignoreText ?? "").utf8)
            ignore += Array("\n\(dockerfileName)\n".utf8)
            generated.append((dockerfileName, external, 0o600))
            generated.append((".dockerignore", ignore, 0o600))
        }
        // The Dockerfile and .dockerignore always reach the daemon, which needs them; it drops them from
        // what COPY sees when .dockerignore lists them.
        if firstMatcher.matches(".dockerignore") { patterns.append("!.dockerignore") }
        if external == nil && firstMatcher.matches(dockerfileName) { patterns.append("!" + dockerfileName) }
        let matcher: PatternMatcher
        do {
            matcher = try PatternMatcher(patterns)
        } catch {
            throw BuildContextError("\(ignorePath): \(error)")
        }
        return BuildContext(directory: root, matcher: matcher, dockerfileName: dockerfileName, generatedFiles: generated)
    }

    /// The archive as a stream of chunks, read from disk as it is consumed.
    public func tarStream(chunkSize: Int = 1 << 20, failure: FailureBox? = nil) -> ContextTarStream {
        ContextTarStream(context: self, chunkSize: chunkSize, failure: failure)
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func readText(_ path: String) throws(BuildContextError) -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    static func readBytes(_ path: String) throws(BuildContextError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BuildContextError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        return Array(data)
    }

    /// 20 hex digits from two FNV-1a hashes; only needs to be stable and unlikely to collide with a real file.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xcbf29ce484222325
        var b: UInt64 = 0x84222325cbf29ce4
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte ^ 0x5a)) &* 0x100000001b3
        }
        func hex16(_ v: UInt64) -> String {
            let h = String(v, radix: 16)
            return String(repeating: "0", count: 16 - h.count) + h
        }
        return String((hex16(a) + hex16(b)).prefix(20))
    }
}

public struct BuildContextError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Holds the first error the tar stream hit, so the caller can report it rather than the broken
/// connection it causes.
public final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: BuildContextError?
    public init() {}
    public var error: BuildContextError? {
        lock.lock(); defer { lock.unlock() }
        return stored
    }
    func record(_ e: BuildContextError) {
        lock.lock(); defer { lock.unlock() }
        if stored == nil { stored = e }
    }
}
