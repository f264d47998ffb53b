extension EngineClient {
    /// `GET /_ping` (unversioned): fails fast with the DOCKER_HOST message when no daemon answers.
    @discardableResult
    public func ping() async throws -> PingResponse {
        let response = try await request(.GET, "/_ping", versioned: false)
        try await drain(response)
        return PingResponse(
            apiVersion: response.header("API-Version"),
            osType: response.header("OSType"),
            experimental: response.header("Docker-Experimental") == "true",
            builderVersion: response.header("Builder-Version"))
    }

    /// `GET /version` (unversioned, so it works before negotiation).
    public func version() async throws -> SystemVersion {
        try await decode(SystemVersion.self, from: request(.GET, "/version", versioned: false))
    }

    /// `GET /info`.
    public func info() async throws -> SystemInfo {
        try await decode(SystemInfo.self, from: request(.GET, "/info"))
    }
}
