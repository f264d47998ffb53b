import Foundation
import YAML

/// Reading files, finding the Compose files and building the project environment.
extension ProjectLoader {
    static let defaultFileNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]

    static func exists(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    static func readBytes(_ path: String) throws(ComposeError) -> [UInt8] {
        if isDirectory(path) {
            throw ComposeError.file("\(path) is a directory, not a Compose file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw ComposeError.file("cannot read \(path): permission denied")
            }
            throw ComposeError.file("no such file: \(path)", hint: "check the path given with -f, COMPOSE_FILE, include or extends")
        }
        return [UInt8](data)
    }

    /// The override file that goes with a discovered file: `compose.yaml` → `compose.override.yaml`.
    static func overrideCandidates(for file: String) -> [String] {
        let base = PathResolver.basename(file)
        let stem = base.hasPrefix("docker-compose") ? "docker-compose" : "compose"
        let ext = base.hasSuffix(".yml") ? "yml" : "yaml"
        let other = ext == "yml" ? "yaml" : "yml"
        let otherStem = stem == "compose" ? "docker-compose" : "compose"
        return ["\(stem).override.\(ext)", "\(stem).override.\(other)", "\(otherStem).override.\(ext)", "\(otherStem).override.\(other)"]
    }

    /// `compose.yaml` (or another default name) in `start` or the nearest parent holding one,
    /// followed by its override file when present.
    static func discover(from start: String) throws(ComposeError) -> [String] {
        var dir = PathResolver.clean(start)
        while true {
            if let found = defaultFileNames.first(where: { exists(dir + "/" + $0) }) {
                let file = dir == "/" ? "/" + found : dir + "/" + found
                var files = [file]
                if let o = overrideCandidates(for: found).first(where: { exists(dir + "/" + $0) }) {
                    files.append(dir == "/" ? "/" + o : dir + "/" + o)
                }
                return files
            }
            let parent = PathResolver.dirname(dir)
            if parent == dir { break }
            dir = parent
        }
        throw ComposeError.file("no configuration file provided: not found",
                                hint: "run in a directory holding compose.yaml (or a parent of it), or pass -f FILE")
    }

    /// Adds the variables of dotenv files to `env` without replacing those already set (the OS wins).
    /// Within `files`, a later file wins over an earlier one.
    static func addDotEnv(_ files: [String], to env: inout [String: String], required: Bool) throws(ComposeError) {
        var fromFiles: [String: String] = [:]
        for file in files {
            if !exists(file) {
                if required || isDirectory(file) {
                    throw ComposeError.file("couldn't find env file: \(file)", hint: "check the path given with --env-file")
                }
                continue
            }
            let outer = env
            let acc = fromFiles
            let pairs = try DotEnv.load(path: file, lookup: { key in outer[key] ?? acc[key] })
            for (k, v) in pairs { fromFiles[k] = v }
        }
        for (k, v) in fromFiles where env[k] == nil { env[k] = v }
    }
}
