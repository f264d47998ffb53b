/// One entry of `GET /images/json`.
public struct ImageSummary: Codable, Sendable, Equatable {
    public var id: String
    public var parentId: String?
    public var repoTags: [String]?
    public var repoDigests: [String]?
    public var created: Int64?
    public var size: Int64?
    public var sharedSize: Int64?
    public var labels: [String: String]?
    public var containers: Int?

    public init(
        id: String,
        parentId: String? = nil,
        repoTags: [String]? = nil,
        repoDigests: [String]? = nil,
        created: Int64? = nil,
        size: Int64? = nil,
        sharedSize: Int64? = nil,
        labels: [String: String]? = nil,
        containers: Int? = nil
    ) {
        self.id = id
        self.parentId = parentId
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.created = created
        self.size = size
        self.sharedSize = sharedSize
        self.labels = labels
        self.containers = containers
    }
    enum CodingKeys: String, CodingKey {
        case id = "Id", parentId = "ParentId", repoTags = "RepoTags", repoDigests = "RepoDigests"
        case created = "Created", size = "Size", sharedSize = "SharedSize", labels = "Labels"
        case containers = "Containers"
    }
}

/// Answer of `GET /images/{name}/json`.
public struct ImageInspect: Codable, Sendable, Equatable {
    public var id: String
    public var repoTags: [String]?
    public var repoDigests: [String]?
    public var parent: String?
    public var comment: String?
    public var created: String?
    public var author: String?
    public var config: ContainerConfig?
    public var architecture: String?
    public var variant: String?
    public var os: String?
    public var size: Int64?

    public init(
        id: String,
        repoTags: [String]? = nil,
        repoDigests: [String]? = nil,
        parent: String? = nil,
        comment: String? = nil,
        created: String? = nil,
        author: String? = nil,
        config: ContainerConfig? = nil,
        architecture: String? = nil,
        variant: String? = nil,
        os: String? = nil,
        size: Int64? = nil
    ) {
        self.id = id
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.parent = parent
        self.comment = comment
        self.created = created
        self.author = author
        self.config = config
        self.architecture = architecture
        self.variant = variant
        self.os = os
        self.size = size
    }
    enum CodingKeys: String, CodingKey {
        case id = "Id", repoTags = "RepoTags", repoDigests = "RepoDigests", parent = "Parent"
        case comment = "Comment", created = "Created", author = "Author", config = "Config"
        case architecture = "Architecture", variant = "Variant", os = "Os", size = "Size"
    }
}

/// One entry of `DELETE /images/{name}`.
public struct ImageDeleteResponseItem: Codable, Sendable, Equatable {
    public var untagged: String?
    public var deleted: String?
    enum CodingKeys: String, CodingKey { case untagged = "Untagged", deleted = "Deleted" }
}

/// Credentials for `X-Registry-Auth` (pull, push).
public struct RegistryAuth: Codable, Sendable, Equatable {
    public var username: String?
    public var password: String?
    public var serveraddress: String?
    public var identitytoken: String?
    public init(username: String? = nil, password: String? = nil, serveraddress: String? = nil,
                identitytoken: String? = nil) {
        self.username = username; self.password = password
        self.serveraddress = serveraddress; self.identitytoken = identitytoken
    }
}

/// Options of `POST /build` (the classic builder's query parameters).
public struct BuildOptions: Sendable, Equatable {
    /// `t`, repeatable: name:tag for the result.
    public var tags: [String]
    public var dockerfile: String?
    public var buildArgs: [String: String]
    public var target: String?
    public var labels: [String: String]
    public var networkMode: String?
    /// "host:ip" entries.
    public var extraHosts: [String]
    public var shmSize: Int64?
    public var noCache: Bool
    public var pull: Bool
    public var rm: Bool
    public var forceRm: Bool
    public var platform: String?
    public var auth: [String: RegistryAuth]

    public init(tags: [String] = [], dockerfile: String? = nil, buildArgs: [String: String] = [:],
                target: String? = nil, labels: [String: String] = [:], networkMode: String? = nil,
                extraHosts: [String] = [], shmSize: Int64? = nil, noCache: Bool = false, pull: Bool = false,
                rm: Bool = true, forceRm: Bool = false, platform: String? = nil,
                auth: [String: RegistryAuth] = [:]) {
        self.tags = tags; self.dockerfile = dockerfile; self.buildArgs = buildArgs; self.target = target
        self.labels = labels; self.networkMode = networkMode; self.extraHosts = extraHosts
        self.shmSize = shmSize; self.noCache = noCache; self.pull = pull; self.rm = rm
        self.forceRm = forceRm; self.platform = platform; self.auth = auth
    }
}

/// One JSON line of a pull, push or build stream. An `error` inside a 200 stream is surfaced by the client
/// as a thrown `EngineError`, so consumers only see progress here.
public struct ProgressMessage: Codable, Sendable, Equatable {
    public var id: String?
    public var status: String?
    public var progress: String?
    public var progressDetail: ProgressDetail?
    /// Build output text.
    public var stream: String?
    public var error: String?
    public var errorDetail: ErrorDetail?
    public var aux: Aux?

    public struct ProgressDetail: Codable, Sendable, Equatable {
        public var current: Int64?
        public var total: Int64?
    }
    public struct ErrorDetail: Codable, Sendable, Equatable {
        public var code: Int?
        public var message: String?
    }
    /// `aux.ID` is the built image's id; push reports Tag/Digest/Size.
    public struct Aux: Codable, Sendable, Equatable {
        public var id: String?
        public var tag: String?
        public var digest: String?
        public var size: Int64?
        enum CodingKeys: String, CodingKey { case id = "ID", tag = "Tag", digest = "Digest", size = "Size" }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try? c.decodeIfPresent(String.self, forKey: .id)
        status = try? c.decodeIfPresent(String.self, forKey: .status)
        progress = try? c.decodeIfPresent(String.self, forKey: .progress)
        progressDetail = try? c.decodeIfPresent(ProgressDetail.self, forKey: .progressDetail)
        stream = try? c.decodeIfPresent(String.self, forKey: .stream)
        error = try? c.decodeIfPresent(String.self, forKey: .error)
        errorDetail = try? c.decodeIfPresent(ErrorDetail.self, forKey: .errorDetail)
        // Tolerant: aux has other shapes (BuildKit traces) we do not model.
        aux = try? c.decodeIfPresent(Aux.self, forKey: .aux)
    }
}
