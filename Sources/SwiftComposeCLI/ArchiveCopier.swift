import Foundation
import EngineAPI

/// The work of `cp`: tar out of a container and extract locally, or archive a local path and extract it
/// in the container, with docker cp's rules for where things land (into an existing directory under
/// the source's name, else at the destination path itself; `SRC/.` copies a directory's contents).
struct ArchiveCopier {
    let engine: EngineClient
    let container: String
    let containerName: String
    let preserveOwners: Bool
    let followLink: Bool

    /// Go's `os.FileMode` type bits, as the daemon's path stat reports them.
    static let goModeDir: UInt32 = 1 << 31
    static let goModeSymlink: UInt32 = 1 << 27

    // MARK: container → local

    func copyOut(containerPath: String, to local: String) async throws {
        var path = containerPath
        var download = try await fetch(path)
        var rootName = download.stat?.name ?? Self.baseName(path)
        if followLink, let stat = download.stat, (stat.mode ?? 0) & Self.goModeSymlink != 0, let target = stat.linkTarget {
            path = target.hasPrefix("/") ? target : Self.dirName(containerPath) + "/" + target
            download = try await fetch(path)
            // The copy keeps the link's name, with the target's contents.
            let linkName = rootName
            rootName = download.stat?.name ?? Self.baseName(path)
            return try await extract(download, rootName: rootName, renameTo: linkName, source: containerPath, to: local)
        }
        try await extract(download, rootName: rootName, renameTo: nil, source: containerPath, to: local)
    }

    private func fetch(_ path: String) async throws -> ArchiveDownload {
        do {
            return try await engine.getArchive(container, path: path)
        } catch let e as EngineError where e.isNotFound {
            throw CommandFailure("Could not find the file \(path) in container \(containerName)")
        }
    }

    private func extract(_ download: ArchiveDownload, rootName: String, renameTo: String?, source: String,
                         to local: String) async throws {
        if local == "-" {
            for try await chunk in download.bytes { Output.write(chunk, to: STDOUT_FILENO) }
            return
        }
        let srcIsDir = (download.stat?.mode ?? 0) & Self.goModeDir != 0
        let contentsOnly = source.hasSuffix("/.") && srcIsDir
        let root = try Self.localRoot(dest: local, srcIsDir: srcIsDir, contentsOnly: contentsOnly,
                                      name: renameTo ?? rootName)
        var extractor = LocalExtractor(root: root, archiveRoot: rootName, preserveOwners: preserveOwners)
        var reader = TarReader()
        do {
            for try await chunk in download.bytes {
                for entry in try reader.feed(chunk) { try extractor.write(entry) }
            }
            try reader.finish()
        } catch let e as TarReader.FormatError {
            throw CommandFailure("cannot read the archive of \(source) from container \(containerName): \(e.description)")
        }
        try extractor.finish()
    }

    /// Where the archive's root lands locally, following docker cp's rules.
    static func localRoot(dest: String, srcIsDir: Bool, contentsOnly: Bool, name: String) throws(CommandFailure) -> String {
        var st = stat()
        let trimmed = dest.count > 1 && dest.hasSuffix("/") ? String(dest.dropLast()) : dest
        if stat(trimmed, &st) == 0 {
            if st.st_mode & S_IFMT == S_IFDIR {
                return contentsOnly ? trimmed : (trimmed == "/" ? "/" + name : trimmed + "/" + name)
            }
            if srcIsDir { throw CommandFailure("cannot copy a directory to a file: \(dest) is a file") }
            return trimmed
        }
        if dest.hasSuffix("/") && !srcIsDir {
            throw CommandFailure("destination directory \(dest) does not exist")
        }
        let parent = dirName(trimmed)
        var pst = stat()
        guard stat(parent, &pst) == 0, pst.st_mode & S_IFMT == S_IFDIR else {
            throw CommandFailure("destination \(dest): the directory \(parent) does not exist")
        }
        return trimmed
    }

    // MARK: local → container

    func copyIn(localPath: String, to containerPath: String) async throws {
        if localPath == "-" {
            var tar: [UInt8] = []
            for await chunk in StdinPump.chunks() { tar += chunk }
            try await engine.putArchive(container, path: containerPath, tar: tar, copyUIDGID: preserveOwners)
            return
        }
        var st = stat()
        let trimmedSource = localPath.count > 1 && localPath.hasSuffix("/") && !localPath.hasSuffix("/.")
            ? String(localPath.dropLast()) : localPath
        guard lstat(trimmedSource, &st) == 0 else {
            throw CommandFailure("cannot copy \(localPath): no such file or directory")
        }
        var isDir = st.st_mode & S_IFMT == S_IFDIR
        if st.st_mode & S_IFMT == S_IFLNK && followLink {
            var target = stat()
            guard stat(trimmedSource, &target) == 0 else {
                throw CommandFailure("cannot copy \(localPath): its link target does not exist")
            }
            isDir = target.st_mode & S_IFMT == S_IFDIR
        }
        let contentsOnly = localPath.hasSuffix("/.") && isDir
        let destStat = try await engine.statPath(container, path: containerPath)
        let extractDir: String
        let rootName: String
        if let destStat, (destStat.mode ?? 0) & Self.goModeDir != 0 {
            extractDir = containerPath
            rootName = contentsOnly ? "" : Self.baseName(trimmedSource)
        } else if destStat != nil {
            if isDir { throw CommandFailure("cannot copy a directory to a file: \(containerPath) is a file in container \(containerName)") }
            extractDir = Self.dirName(containerPath)
            rootName = Self.baseName(containerPath)
        } else {
            if containerPath.hasSuffix("/") && !isDir {
                throw CommandFailure("destination directory \(containerPath) does not exist in container \(containerName)")
            }
            let trimmed = containerPath.count > 1 && containerPath.hasSuffix("/") ? String(containerPath.dropLast()) : containerPath
            extractDir = Self.dirName(trimmed)
            rootName = Self.baseName(trimmed)
            if try await engine.statPath(container, path: extractDir) == nil {
                throw CommandFailure("destination \(containerPath): the directory \(extractDir) does not exist in container \(containerName)")
            }
        }
        let tar = try LocalArchiver(followTopLink: followLink).archive(path: trimmedSource, as: rootName)
        try await engine.putArchive(container, path: extractDir, tar: tar, copyUIDGID: preserveOwners)
    }

    static func baseName(_ path: String) -> String {
        var p = path
        while p.count > 1 && (p.hasSuffix("/") || p.hasSuffix("/.")) { p = p.hasSuffix("/.") ? String(p.dropLast(2)) : String(p.dropLast()) }
        return p.split(separator: "/").last.map(String.init) ?? p
    }

    static func dirName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }
}
