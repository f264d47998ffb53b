import Synchronization

/// The file names `Mark`s refer to, interned once per process so a mark stores a small index.
/// The table only grows; a process reads a handful of files.
final class FileNames: Sendable {
    static let shared = FileNames()

    private struct Table {
        var names: [String] = [""]
        var ids: [String: UInt32] = ["": 0]
    }
    private let table = Mutex(Table())

    func id(for name: String) -> UInt32 {
        if name.isEmpty { return 0 }
        return table.withLock { t in
            if let id = t.ids[name] { return id }
            let id = UInt32(t.names.count)
            t.names.append(name)
            t.ids[name] = id
            return id
        }
    }

    func name(_ id: UInt32) -> String {
        table.withLock { t in Int(id) < t.names.count ? t.names[Int(id)] : "" }
    }
}
