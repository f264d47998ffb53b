import Foundation

/// The read-only reference data (`shared/` beside the repository, as CI lays it out).
enum SharedData {
    static let root: String = {
        if let path = ProcessInfo.processInfo.environment["SWIFTCOMPOSE_SHARED"] { return path }
        let package = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sibling = package.deletingLastPathComponent().appendingPathComponent("shared").path
        if FileManager.default.fileExists(atPath: sibling) { return sibling }
        return "/work/shared"
    }()
}
