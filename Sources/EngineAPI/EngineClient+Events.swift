extension EngineClient {
    /// `GET /events` as a stream of events (no read timeout: it stays open while idle). `since`/`until`
    /// are Unix seconds or anything the daemon accepts; filters e.g. `["type": ["container"]]`.
    public func events(since: String? = nil, until: String? = nil,
                       filters: [String: [String]] = [:]) async throws -> AsyncThrowingStream<EngineEvent, any Error> {
        var query: [(String, String)] = []
        if let since { query.append(("since", since)) }
        if let until { query.append(("until", until)) }
        query += try Self.filtersQuery(filters)
        let response = try await checked(request(.GET, "/events", query: query))
        return stream(response, JSONLines<EngineEvent>(method: response.method, path: response.path, check: { _ in }))
    }
}
