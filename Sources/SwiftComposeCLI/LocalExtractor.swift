import Foundation

/// Writes tar entries under a local root (for `cp SERVICE:SRC DEST`): the archive's top-level name maps
/// to `root`, entries that would escape it are refused, directory modes are applied last so a read-only
/// directory can still be filled.
struct LocalExtractor {
    let root: String
    let archiveRoot: String
    let preserveOwners: Bool
    private var directories: [(String, TarEntry)] = []

    init(root: String, archiveRoot: String, preserveOwners: Bool) {
        self.root = root
        self.archiveRoot = archiveRoot
        self.preserveOwners = preserveOwners
    }

    /// The local path of an archive path; nil for one that escapes the root.
    func localPath(_ archivePath: String) -> String? {
        let parts = archivePath.split(separator: "/").filter { $0 != "." }
        if parts.contains("..") { return nil }
        var rest = parts
        if let first = rest.first, first == archiveRoot { rest.removeFirst() }
        return rest.isEmpty ? root : root + "/" + rest.joined(separator: "/")
    }

    mutating func write(_ entry: TarEntry) throws(CommandFailure) {
        guard let path = localPath(entry.path) else {
            throw CommandFailure("refusing to extract \(entry.path): it points outside the destination")
        }
        switch entry.kind {
        case .directory:
            var st = stat()
            if stat(path, &st) == 0 {
                guard st.st_mode & S_IFMT == S_IFDIR else {
                    throw CommandFailure("cannot overwrite the file \(path) with a directory")
                }
            } else if mkdir(path, 0o700) != 0 {
                throw CommandFailure("cannot create the directory \(path): \(String(cString: strerror(errno)))")
            }
            directories.append((path, entry))
        case .file:
            var st = stat()
            if lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR {
                throw CommandFailure("cannot overwrite the directory \(path) with a file")
            }
            if lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK { unlink(path) }
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode_t(entry.mode & 0o777 | 0o200))
            guard fd >= 0 else {
                throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            var offset = 0
            while offset < entry.data.count {
                let n = entry.data[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let message = String(cString: strerror(errno))
                    close(fd)
                    throw CommandFailure("cannot write \(path): \(message)")
                }
                offset += n
            }
            close(fd)
            finishAttributes(path, entry, isLink: false)
        case .symlink:
            unlink(path)
            guard symlink(entry.linkTarget, path) == 0 else {
                throw CommandFailure("cannot create the link \(path): \(String(cString: strerror(errno)))")
            }
            if preserveOwners { lchown(path, uid_t(entry.uid), gid_t(entry.gid)) }
        case .hardlink:
            guard let target = localPath(entry.linkTarget) else {
                throw CommandFailure("refusing to link \(entry.path) to \(entry.linkTarget): it points outside the destination")
            }
            unlink(path)
            guard link(target, path) == 0 else {
                throw CommandFailure("cannot create the hard link \(path): \(String(cString: strerror(errno)))")
            }
        case .other:
            break  // Devices and FIFOs need privileges docker cp does not assume either.
        }
    }

    /// Directory modes and times, deepest first.
    func finish() throws(CommandFailure) {
        for (path, entry) in directories.reversed() { finishAttributes(path, entry, isLink: false) }
    }

    private func finishAttributes(_ path: String, _ entry: TarEntry, isLink: Bool) {
        if preserveOwners { chown(path, uid_t(entry.uid), gid_t(entry.gid)) }
        chmod(path, mode_t(entry.mode & 0o7777))
        var times = [timespec(tv_sec: entry.mtime, tv_nsec: 0), timespec(tv_sec: entry.mtime, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
    }
}
