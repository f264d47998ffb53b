import Foundation

extension EngineClient {
    /// `GET /containers/json`. `filters` e.g. `["label": ["com.docker.compose.project=x"]]`.
    public func listContainers(all: Bool = false, filters: [String: [String]] = [:]) async throws -> [ContainerSummary] {
        var query: [(String, String)] = all ? [("all", "1")] : []
        query += try Self.filtersQuery(filters)
        return try await decode([ContainerSummary].self, from: request(.GET, "/containers/json", query: query))
    }

    /// `GET /containers/{id}/json`.
    public func inspectContainer(_ id: String) async throws -> ContainerInspect {
        try await decode(ContainerInspect.self, from: request(.GET, "/containers/\(Self.segment(id))/json"))
    }

    /// `POST /containers/create`; returns the new id and the daemon's warnings.
    public func createContainer(name: String?, body: ContainerCreateBody, platform: String? = nil) async throws -> ContainerCreateResponse {
        var query: [(String, String)] = []
        if let name { query.append(("name", name)) }
        if let platform { query.append(("platform", platform)) }
        return try await decode(ContainerCreateResponse.self,
                                from: request(.POST, "/containers/create", query: query, body: .json(body)))
    }

    /// `POST /containers/{id}/start`. Already running (304) is not an error.
    public func startContainer(_ id: String) async throws {
        try await drain(request(.POST, "/containers/\(Self.segment(id))/start"), alsoAccept: [304])
    }

    /// `POST /containers/{id}/stop`. `timeout` in seconds before SIGKILL (nil: the container's own).
    /// Already stopped (304) is not an error.
    public func stopContainer(_ id: String, timeout: Int? = nil, signal: String? = nil) async throws {
        var query: [(String, String)] = timeout.map { [("t", String($0))] } ?? []
        if let signal { query.append(("signal", signal)) }
        try await drain(request(.POST, "/containers/\(Self.segment(id))/stop", query: query), alsoAccept: [304])
    }

    /// `POST /containers/{id}/restart`.
    public func restartContainer(_ id: String, timeout: Int? = nil) async throws {
        let query: [(String, String)] = timeout.map { [("t", String($0))] } ?? []
        try await drain(request(.POST, "/containers/\(Self.segment(id))/restart", query: query))
    }

    /// `POST /containers/{id}/kill`. Not running gives a 409.
    public func killContainer(_ id: String, signal: String? = nil) async throws {
        let query: [(String, String)] = signal.map { [("signal", $0)] } ?? []
        try await drain(request(.POST, "/containers/\(Self.segment(id))/kill", query: query))
    }

    /// `DELETE /containers/{id}`. `volumes` also removes anonymous volumes.
    public func removeContainer(_ id: String, force: Bool = false, volumes: Bool = false) async throws {
        var query: [(String, String)] = []
        if force { query.append(("force", "1")) }
        if volumes { query.append(("v", "1")) }
        try await drain(request(.DELETE, "/containers/\(Self.segment(id))", query: query))
    }

    /// `POST /containers/{id}/rename`.
    public func renameContainer(_ id: String, to newName: String) async throws {
        try await drain(request(.POST, "/containers/\(Self.segment(id))/rename", query: [("name", newName)]))
    }

    public func pauseContainer(_ id: String) async throws {
        try await drain(request(.POST, "/containers/\(Self.segment(id))/pause"))
    }

    public func unpauseContainer(_ id: String) async throws {
        try await drain(request(.POST, "/containers/\(Self.segment(id))/unpause"))
    }

    /// `POST /containers/{id}/wait`: blocks (no read timeout) until the condition, returns the exit code.
    public func waitContainer(_ id: String, condition: WaitCondition = .notRunning) async throws -> Int {
        let response = try await request(.POST, "/containers/\(Self.segment(id))/wait",
                                         query: [("condition", condition.rawValue)])
        let answer = try await decode(WaitResponse.self, from: response)
        if let message = answer.error?.message, !message.isEmpty {
            throw EngineError.stream(message, method: response.method, path: response.path)
        }
        return answer.statusCode
    }

    /// `GET /containers/{id}/top`.
    public func containerTop(_ id: String, psArgs: String? = nil) async throws -> ContainerTop {
        let query: [(String, String)] = psArgs.map { [("ps_args", $0)] } ?? []
        return try await decode(ContainerTop.self, from: request(.GET, "/containers/\(Self.segment(id))/top", query: query))
    }

    /// `GET /containers/{id}/logs` as stdout/stderr chunks, read as the consumer goes (no read timeout with
    /// `follow`). `tty`: whether the container has a TTY (raw, undemultiplexed output); nil asks the daemon.
    public func containerLogs(_ id: String, follow: Bool = false, tail: String? = nil, since: String? = nil,
                              timestamps: Bool = false, tty: Bool? = nil) async throws -> AsyncThrowingStream<LogChunk, any Error> {
        try await containerLogs(id, options: LogsOptions(follow: follow, tail: tail, since: since, timestamps: timestamps), tty: tty)
    }

    public func containerLogs(_ id: String, options: LogsOptions, tty: Bool? = nil) async throws -> AsyncThrowingStream<LogChunk, any Error> {
        var query: [(String, String)] = [
            ("stdout", options.stdout ? "1" : "0"), ("stderr", options.stderr ? "1" : "0"),
        ]
        if options.follow { query.append(("follow", "1")) }
        if options.timestamps { query.append(("timestamps", "1")) }
        if let tail = options.tail { query.append(("tail", tail)) }
        if let since = options.since { query.append(("since", since)) }
        if let until = options.until { query.append(("until", until)) }
        let response = try await checked(request(.GET, "/containers/\(Self.segment(id))/logs", query: query))
        let hasTTY = try await resolveTTY(tty, response: response, container: id)
        return stream(response, DemuxedChunks(tty: hasTTY))
    }

    /// Whether output is raw: the caller knows, or the content type says (API 1.42+), or inspect tells.
    func resolveTTY(_ tty: Bool?, response: EngineResponse, container id: String) async throws -> Bool {
        if let tty { return tty }
        switch response.header("Content-Type") {
        case "application/vnd.docker.multiplexed-stream": return false
        case "application/vnd.docker.raw-stream" where try await apiVersion() >= APIVersion(major: 1, minor: 42):
            return true
        default:
            return try await inspectContainer(id).config?.tty ?? false
        }
    }

    /// `GET /containers/{id}/stats`: one sample (`stream: false`) or one per second.
    public func containerStats(_ id: String, stream streaming: Bool = false) async throws -> AsyncThrowingStream<ContainerStats, any Error> {
        let query: [(String, String)] = [("stream", streaming ? "1" : "0")]
        let response = try await checked(request(.GET, "/containers/\(Self.segment(id))/stats", query: query))
        return stream(response, JSONLines<ContainerStats>(method: response.method, path: response.path, check: { _ in }))
    }

    /// `GET /containers/{id}/archive`: a tar of `path`, streamed.
    public func getArchive(_ id: String, path: String) async throws -> ArchiveDownload {
        let response = try await checked(request(.GET, "/containers/\(Self.segment(id))/archive", query: [("path", path)]))
        let stat = response.header("X-Docker-Container-Path-Stat").flatMap(Self.decodePathStat)
        return ArchiveDownload(stat: stat, bytes: stream(response, RawChunks()))
    }

    /// `PUT /containers/{id}/archive`: extracts the tar `chunks` into directory `path`.
    public func putArchive<Chunks: AsyncSequence & Sendable>(
        _ id: String, path: String, tar chunks: Chunks, noOverwriteDirNonDir: Bool = false
    ) async throws where Chunks.Element == [UInt8] {
        var query: [(String, String)] = [("path", path)]
        if noOverwriteDirNonDir { query.append(("noOverwriteDirNonDir", "1")) }
        try await drain(request(.PUT, "/containers/\(Self.segment(id))/archive", query: query,
                                body: .stream(contentType: "application/x-tar", Self.producer(chunks))))
    }

    /// `PUT /containers/{id}/archive` with a tar held in memory.
    public func putArchive(_ id: String, path: String, tar: [UInt8], noOverwriteDirNonDir: Bool = false) async throws {
        var query: [(String, String)] = [("path", path)]
        if noOverwriteDirNonDir { query.append(("noOverwriteDirNonDir", "1")) }
        try await drain(request(.PUT, "/containers/\(Self.segment(id))/archive", query: query,
                                body: .bytes(tar, contentType: "application/x-tar")))
    }

    static func decodePathStat(_ header: String) -> PathStat? {
        guard let data = Data(base64Encoded: header) ?? Data(base64Encoded: header.padded()) else { return nil }
        return try? JSONDecoder().decode(PathStat.self, from: data)
    }

    /// Adapts a caller's chunk sequence to the request body writer.
    static func producer<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks)
        -> @Sendable (_ write: @Sendable ([UInt8]) async throws -> Void) async throws -> Void where Chunks.Element == [UInt8] {
        { write in
            for try await chunk in chunks { try await write(chunk) }
        }
    }
}

extension String {
    /// Base64 without its `=` padding, padded back.
    func padded() -> String {
        let remainder = count % 4
        return remainder == 0 ? self : self + String(repeating: "=", count: 4 - remainder)
    }
}
