/// One member of a tar archive, as `cp` reads and writes them (the contents held in memory).
struct TarEntry: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case file, directory, symlink, hardlink
        /// Devices, FIFOs and the like: carried through but not extracted locally.
        case other(UInt8)
    }

    /// Relative, `/`-separated; directories without the trailing slash.
    var path: String
    var kind: Kind
    /// Permission bits (and setuid/setgid/sticky).
    var mode: UInt32
    var uid: Int = 0
    var gid: Int = 0
    /// Seconds since the epoch.
    var mtime: Int = 0
    /// Target of a symlink or hardlink.
    var linkTarget: String = ""
    var data: [UInt8] = []

    init(path: String, kind: Kind, mode: UInt32, uid: Int = 0, gid: Int = 0, mtime: Int = 0,
         linkTarget: String = "", data: [UInt8] = []) {
        self.path = path
        self.kind = kind
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.mtime = mtime
        self.linkTarget = linkTarget
        self.data = data
    }
}
