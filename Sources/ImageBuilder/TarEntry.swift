/// One member of a tar archive, before encoding.
public struct TarEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file(size: Int64)
        case directory
        /// Stored as a link; the target is never followed.
        case symlink(target: String)
        case hardlink(target: String)
    }

    /// Slash-separated, relative; directories without the trailing slash (added when encoding).
    public var name: String
    public var kind: Kind
    /// Permission bits including setuid/setgid/sticky (`07777`).
    public var mode: UInt32
    /// Seconds since the epoch.
    public var modificationTime: Int64
    public var uid: Int = 0
    public var gid: Int = 0

    public init(name: String, kind: Kind, mode: UInt32, modificationTime: Int64, uid: Int = 0, gid: Int = 0) {
        self.name = name
        self.kind = kind
        self.mode = mode
        self.modificationTime = modificationTime
        self.uid = uid
        self.gid = gid
    }

    public var size: Int64 {
        if case .file(let size) = kind { return size }
        return 0
    }
}
