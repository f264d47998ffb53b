import NIOHTTP1

extension EngineClient {
    /// `HEAD /containers/{id}/archive`: the stat of a path in the container; nil when it does not exist.
    public func statPath(_ id: String, path: String) async throws -> PathStat? {
        let response = try await request(.HEAD, "/containers/\(Self.segment(id))/archive", query: [("path", path)])
        if response.status == 404 {
            // 404 is also "no such container": tell the two apart by the message-less HEAD answer's container.
            while try await response.nextChunk() != nil {}
            _ = try await inspectContainer(id)
            return nil
        }
        try await drain(response)
        return response.header("X-Docker-Container-Path-Stat").flatMap(Self.decodePathStat)
    }

    /// `PUT /containers/{id}/archive` with `copyUIDGID` (`cp -a`): the tar's owners are kept instead of
    /// the container's root.
    public func putArchive(_ id: String, path: String, tar: [UInt8], copyUIDGID: Bool,
                           noOverwriteDirNonDir: Bool = true) async throws {
        var query: [(String, String)] = [("path", path)]
        if noOverwriteDirNonDir { query.append(("noOverwriteDirNonDir", "1")) }
        if copyUIDGID { query.append(("copyUIDGID", "1")) }
        try await drain(request(.PUT, "/containers/\(Self.segment(id))/archive", query: query,
                                body: .bytes(tar, contentType: "application/x-tar")))
    }
}
