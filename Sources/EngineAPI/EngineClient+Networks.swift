extension EngineClient {
    /// `GET /networks`. Note: the list answer carries no `Containers`; inspect for those.
    public func listNetworks(filters: [String: [String]] = [:]) async throws -> [Network] {
        try await decode([Network].self, from: request(.GET, "/networks", query: Self.filtersQuery(filters)))
    }

    /// `GET /networks/{id}`.
    public func inspectNetwork(_ id: String, verbose: Bool = false) async throws -> Network {
        let query: [(String, String)] = verbose ? [("verbose", "1")] : []
        return try await decode(Network.self, from: request(.GET, "/networks/\(Self.segment(id))", query: query))
    }

    /// `POST /networks/create`; a duplicate name is a 409.
    public func createNetwork(_ body: NetworkCreateBody) async throws -> NetworkCreateResponse {
        try await decode(NetworkCreateResponse.self, from: request(.POST, "/networks/create", body: .json(body)))
    }

    /// `DELETE /networks/{id}`.
    public func removeNetwork(_ id: String) async throws {
        try await drain(request(.DELETE, "/networks/\(Self.segment(id))"))
    }

    /// `POST /networks/{id}/connect`.
    public func connectNetwork(_ id: String, container: String, endpointConfig: EndpointSettings? = nil) async throws {
        struct Body: Encodable {
            var Container: String
            var EndpointConfig: EndpointSettings?
        }
        try await drain(request(.POST, "/networks/\(Self.segment(id))/connect",
                                body: .json(Body(Container: container, EndpointConfig: endpointConfig))))
    }

    /// `POST /networks/{id}/disconnect`.
    public func disconnectNetwork(_ id: String, container: String, force: Bool = false) async throws {
        struct Body: Encodable {
            var Container: String
            var Force: Bool
        }
        try await drain(request(.POST, "/networks/\(Self.segment(id))/disconnect",
                                body: .json(Body(Container: container, Force: force))))
    }
}
