/// One JSON line of `GET /events`.
public struct EngineEvent: Codable, Sendable, Equatable {
    /// "container", "network", "volume", "image", ...
    public var type: String?
    /// "create", "start", "die", "health_status: healthy", ...
    public var action: String?
    public var actor: Actor?
    public var scope: String?
    /// Seconds since the epoch.
    public var time: Int64?
    public var timeNano: Int64?

    public struct Actor: Codable, Sendable, Equatable {
        public var id: String?
        public var attributes: [String: String]?
        enum CodingKeys: String, CodingKey { case id = "ID", attributes = "Attributes" }
    }
    enum CodingKeys: String, CodingKey {
        case type = "Type", action = "Action", actor = "Actor", scope, time, timeNano
    }
}
