import Foundation

/// Walks a local file or directory into a tar (for `cp SRC SERVICE:DEST`). Symlinks are stored as
/// links, except the top one with `-L`.
struct LocalArchiver {
    var followTopLink: Bool

    /// `path` archived under `name` (its contents at the top when `name` is empty).
    func archive(path: String, as name: String) throws(CommandFailure) -> [UInt8] {
        var writer = TarWriter()
        try add(path: path, as: name, into: &writer, follow: followTopLink)
        return writer.finish()
    }

    private func add(path: String, as name: String, into writer: inout TarWriter, follow: Bool) throws(CommandFailure) {
        var st = stat()
        let status = follow ? stat(path, &st) : lstat(path, &st)
        guard status == 0 else {
            throw CommandFailure("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        let mode = UInt32(st.st_mode) & 0o7777
        let base = TarEntry(path: name, kind: .file, mode: mode, uid: Int(st.st_uid), gid: Int(st.st_gid),
                            mtime: Int(st.st_mtim.tv_sec))
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            if !name.isEmpty {
                var e = base
                e.kind = .directory
                writer.append(e)
            }
            let children: [String]
            do {
                children = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            } catch {
                throw CommandFailure("cannot list \(path): \(error.localizedDescription)")
            }
            for child in children {
                try add(path: path + "/" + child, as: name.isEmpty ? child : name + "/" + child, into: &writer, follow: false)
            }
        case S_IFLNK:
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else {
                throw CommandFailure("cannot read the link \(path)")
            }
            var e = base
            e.kind = .symlink
            e.linkTarget = target
            writer.append(e)
        case S_IFREG:
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("cannot read \(path): permission denied or unreadable")
            }
            var e = base
            e.data = [UInt8](data)
            writer.append(e)
        default:
            // Sockets, FIFOs and devices are not copied, as docker cp skips sockets too.
            break
        }
    }
}
