import Foundation

extension EngineClient {
    /// `GET /images/json`.
    public func listImages(all: Bool = false, filters: [String: [String]] = [:]) async throws -> [ImageSummary] {
        var query: [(String, String)] = all ? [("all", "1")] : []
        query += try Self.filtersQuery(filters)
        return try await decode([ImageSummary].self, from: request(.GET, "/images/json", query: query))
    }

    /// `GET /images/{name}/json`.
    public func inspectImage(_ name: String) async throws -> ImageInspect {
        try await decode(ImageInspect.self, from: request(.GET, "/images/\(Self.segment(name))/json"))
    }

    /// `DELETE /images/{name}`.
    @discardableResult
    public func removeImage(_ name: String, force: Bool = false, noPrune: Bool = false) async throws -> [ImageDeleteResponseItem] {
        var query: [(String, String)] = []
        if force { query.append(("force", "1")) }
        if noPrune { query.append(("noprune", "1")) }
        return try await decode([ImageDeleteResponseItem].self, from: request(.DELETE, "/images/\(Self.segment(name))", query: query))
    }

    /// `POST /images/create?fromImage=&tag=` (pull). Progress lines stream back; an `error` line inside the
    /// 200 stream is thrown as an `EngineError` (`isStreamError`).
    public func createImage(fromImage image: String, tag: String? = nil, platform: String? = nil,
                            auth: RegistryAuth? = nil) async throws -> AsyncThrowingStream<ProgressMessage, any Error> {
        var query: [(String, String)] = [("fromImage", image)]
        if let tag { query.append(("tag", tag)) }
        if let platform { query.append(("platform", platform)) }
        let headers = try auth.map { [("X-Registry-Auth", try Self.encodeAuth($0))] } ?? []
        let response = try await checked(request(.POST, "/images/create", query: query, headers: headers))
        return progressStream(response)
    }

    /// `POST /images/{name}/push`. The daemon insists on an `X-Registry-Auth` header, even an empty one.
    public func pushImage(_ name: String, tag: String? = nil,
                          auth: RegistryAuth? = nil) async throws -> AsyncThrowingStream<ProgressMessage, any Error> {
        let query: [(String, String)] = tag.map { [("tag", $0)] } ?? []
        let headers = [("X-Registry-Auth", try Self.encodeAuth(auth ?? RegistryAuth()))]
        let response = try await checked(request(.POST, "/images/\(Self.segment(name))/push", query: query, headers: headers))
        return progressStream(response)
    }

    /// `POST /build` (classic builder) with a tar build context streamed from `context`. The answer streams
    /// `stream` text, `aux.ID` (the image id) and `error` lines (thrown).
    public func build<Context: AsyncSequence & Sendable>(
        context: Context, options: BuildOptions
    ) async throws -> AsyncThrowingStream<ProgressMessage, any Error> where Context.Element == [UInt8] {
        var query: [(String, String)] = options.tags.map { ("t", $0) }
        if let dockerfile = options.dockerfile { query.append(("dockerfile", dockerfile)) }
        if !options.buildArgs.isEmpty { query.append(("buildargs", try Self.jsonText(options.buildArgs))) }
        if let target = options.target { query.append(("target", target)) }
        if !options.labels.isEmpty { query.append(("labels", try Self.jsonText(options.labels))) }
        if let networkMode = options.networkMode { query.append(("networkmode", networkMode)) }
        if !options.extraHosts.isEmpty { query.append(("extrahosts", options.extraHosts.joined(separator: ","))) }
        if let shmSize = options.shmSize { query.append(("shmsize", String(shmSize))) }
        if options.noCache { query.append(("nocache", "1")) }
        if options.pull { query.append(("pull", "1")) }
        query.append(("rm", options.rm ? "1" : "0"))
        if options.forceRm { query.append(("forcerm", "1")) }
        if let platform = options.platform { query.append(("platform", platform)) }
        var headers: [(String, String)] = []
        if !options.auth.isEmpty {
            headers.append(("X-Registry-Config", try Self.base64URL(JSONEncoder().encode(options.auth))))
        }
        let response = try await checked(request(.POST, "/build", query: query, headers: headers,
                                                 body: .stream(contentType: "application/x-tar", Self.producer(context))))
        return progressStream(response)
    }

    static func encodeAuth(_ auth: RegistryAuth) throws -> String {
        try base64URL(JSONEncoder().encode(auth))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }

    static func jsonText(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
