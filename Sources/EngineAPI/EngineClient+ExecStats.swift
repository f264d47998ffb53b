extension EngineClient {
    /// `GET /containers/{id}/stats` decoded into the caller's model, for the fields the typed
    /// `ContainerStats` leaves out (memory cache counters, block I/O). One sample, or one per second.
    public func containerStats<T: Decodable & Sendable>(_ id: String, stream streaming: Bool,
                                                        as type: T.Type) async throws -> AsyncThrowingStream<T, any Error> {
        let query: [(String, String)] = [("stream", streaming ? "1" : "0")]
        let response = try await checked(request(.GET, "/containers/\(Self.segment(id))/stats", query: query))
        return stream(response, JSONLines<T>(method: response.method, path: response.path, check: { _ in }))
    }
}
