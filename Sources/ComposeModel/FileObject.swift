public import OrderedCollections

/// A top-level secret or config: from a file, an environment variable, inline content, or external.
public struct FileObject: Sendable, Hashable {
    public var name: String?
    public var file: String?
    public var environment: String?
    /// Configs only.
    public var content: String?
    public var external: Bool?
    public var labels: OrderedDictionary<String, String> = [:]
    public var driver: String?
    public var driverOpts: OrderedDictionary<String, String> = [:]
    public var templateDriver: String?
    public var extensions: OrderedDictionary<String, JSONValue> = [:]

    public init(name: String? = nil, file: String? = nil, environment: String? = nil, content: String? = nil, external: Bool? = nil) {
        self.name = name
        self.file = file
        self.environment = environment
        self.content = content
        self.external = external
    }

    public var isExternal: Bool { external == true }
}

public typealias Secret = FileObject
public typealias Config = FileObject
