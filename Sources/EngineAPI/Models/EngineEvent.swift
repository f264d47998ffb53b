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

    public init(
        type: String? = nil,
        action: String? = nil,
        actor: Actor? = nil,
        scope: String? = nil,
        time: Int64? = nil,
        timeNano: Int64? = nil
    ) {
        self.type = type
        self.action = action
        self.actor = actor
        self.scope = scope
        self.time = time
        self.timeNano = timeNano
    }

    public struct Actor: Codable, Sendable, Equatable {
        public var id: String?
        public var attributes: [String: String]?

        public init(
            id: String? = nil,
            attributes: [String: String]? = nil
        ) {
            self.id = id
            self.attributes = attributes
        }
        enum CodingKeys: String, CodingKey { case id = "ID", attributes = "Attributes" }
    }
    enum CodingKeys: String, CodingKey {
        case type = "Type", action = "Action", actor = "Actor", scope, time, timeNano
    }
}
