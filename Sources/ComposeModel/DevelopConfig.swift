public import OrderedCollections

/// `develop:` (watch mode), a typed view of `Service.develop`.
public struct DevelopConfig: Sendable, Hashable {
    public var watch: [WatchRule] = []
    public var extensions: OrderedDictionary<String, JSONValue> = [:]

    public init(watch: [WatchRule] = []) {
        self.watch = watch
    }

    /// One `develop.watch` entry.
    public struct WatchRule: Sendable, Hashable {
        public enum Action: String, Sendable, Hashable, CaseIterable {
            case rebuild, sync, restart
            case syncRestart = "sync+restart"
            case syncExec = "sync+exec"
        }
        public var path: String
        public var action: Action
        public var target: String?
        public var ignore: [String] = []
        public var include: [String] = []
        public var initialSync: Bool?
        public var exec: ServiceHook?
        public var extensions: OrderedDictionary<String, JSONValue> = [:]

        public init(path: String, action: Action, target: String? = nil) {
            self.path = path
            self.action = action
            self.target = target
        }
    }
}

extension Service {
    /// `develop` read as a `DevelopConfig` (already validated when the file was decoded).
    public var developConfig: DevelopConfig? {
        develop.flatMap { try? JSONValueDecoder().decode(DevelopConfig.self, from: $0) }
    }
}
