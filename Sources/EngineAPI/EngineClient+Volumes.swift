extension EngineClient {
    /// `GET /volumes` (unwraps the `{"Volumes": [...]}` envelope).
    public func listVolumes(filters: [String: [String]] = [:]) async throws -> [Volume] {
        try await decode(VolumeListResponse.self, from: request(.GET, "/volumes", query: Self.filtersQuery(filters))).volumes ?? []
    }

    /// `GET /volumes/{name}`.
    public func inspectVolume(_ name: String) async throws -> Volume {
        try await decode(Volume.self, from: request(.GET, "/volumes/\(Self.segment(name))"))
    }

    /// `POST /volumes/create`. Creating an existing name returns the existing volume (no 409).
    public func createVolume(_ body: VolumeCreateBody) async throws -> Volume {
        try await decode(Volume.self, from: request(.POST, "/volumes/create", body: .json(body)))
    }

    /// `DELETE /volumes/{name}`; in use gives a 409.
    public func removeVolume(_ name: String, force: Bool = false) async throws {
        let query: [(String, String)] = force ? [("force", "1")] : []
        try await drain(request(.DELETE, "/volumes/\(Self.segment(name))", query: query))
    }
}
