/// Answer of `GET /volumes/{name}` and one entry of `GET /volumes`.
public struct Volume: Codable, Sendable, Equatable {
    public var name: String
    public var driver: String?
    public var mountpoint: String?
    public var createdAt: String?
    public var status: [String: String]?
    public var labels: [String: String]?
    public var scope: String?
    public var options: [String: String]?

    public init(
        name: String,
        driver: String? = nil,
        mountpoint: String? = nil,
        createdAt: String? = nil,
        status: [String: String]? = nil,
        labels: [String: String]? = nil,
        scope: String? = nil,
        options: [String: String]? = nil
    ) {
        self.name = name
        self.driver = driver
        self.mountpoint = mountpoint
        self.createdAt = createdAt
        self.status = status
        self.labels = labels
        self.scope = scope
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name", driver = "Driver", mountpoint = "Mountpoint", createdAt = "CreatedAt"
        case status = "Status", labels = "Labels", scope = "Scope", options = "Options"
    }
}

/// Body of `POST /volumes/create`.
public struct VolumeCreateBody: Codable, Sendable, Equatable {
    public var name: String?
    public var driver: String?
    public var driverOpts: [String: String]?
    public var labels: [String: String]?
    public init(name: String? = nil, driver: String? = nil, driverOpts: [String: String]? = nil,
                labels: [String: String]? = nil) {
        self.name = name; self.driver = driver; self.driverOpts = driverOpts; self.labels = labels
    }
    enum CodingKeys: String, CodingKey {
        case name = "Name", driver = "Driver", driverOpts = "DriverOpts", labels = "Labels"
    }
}

/// The `{"Volumes": [...], "Warnings": [...]}` envelope of `GET /volumes`.
struct VolumeListResponse: Decodable {
    var volumes: [Volume]?
    var warnings: [String]?
    enum CodingKeys: String, CodingKey { case volumes = "Volumes", warnings = "Warnings" }
}
