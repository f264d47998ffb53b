import Foundation

/// A JSON object of names to integers in the supervisor container: the replica counts (`{"web": 3}`)
/// and the drain requests of `up` (container ID → grace seconds).
public enum ScaleFile {
    public static func read(_ path: String) -> [String: Int]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode([String: Int].self, from: data)
    }

    public static func encode(_ counts: [String: Int]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(counts)) ?? Data("{}".utf8))
    }

    public static func decode(_ bytes: [UInt8]) -> [String: Int]? {
        try? JSONDecoder().decode([String: Int].self, from: Data(bytes))
    }
}
