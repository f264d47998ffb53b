public import EngineAPI
public import Foundation

/// Registry credentials from the Docker CLI's `config.json` (`$DOCKER_CONFIG`, else `~/.docker`):
/// the `auths` entries, whose `auth` is base64 of `user:password`.
public struct DockerConfig: Sendable {
    public var auths: [String: RegistryAuth]

    public init(auths: [String: RegistryAuth] = [:]) { self.auths = auths }

    /// The file, when it exists; an unreadable or malformed file is an error worth reporting.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(DockerConfigError) -> DockerConfig {
        let dir = environment["DOCKER_CONFIG"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.docker")
        let path = dir + "/config.json"
        guard let data = FileManager.default.contents(atPath: path) else { return DockerConfig() }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String = "config.json") throws(DockerConfigError) -> DockerConfig {
        struct File: Decodable {
            struct Entry: Decodable {
                var auth: String?
                var username: String?
                var password: String?
                var identitytoken: String?
            }
            var auths: [String: Entry]?
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw DockerConfigError(message: "\(path) is not valid JSON (\(error)); fix or remove it")
        }
        var out: [String: RegistryAuth] = [:]
        for (server, entry) in file.auths ?? [:] {
            var auth = RegistryAuth(username: entry.username, password: entry.password, serveraddress: server,
                                    identitytoken: entry.identitytoken)
            if let encoded = entry.auth, !encoded.isEmpty {
                guard let decoded = Data(base64Encoded: encoded).map({ String(decoding: $0, as: UTF8.self) }),
                      let colon = decoded.firstIndex(of: ":") else {
                    throw DockerConfigError(message: "\(path): the auth entry of \(server) is not base64 of user:password; "
                                            + "log in again with 'docker login \(server)'")
                }
                auth.username = String(decoded[..<colon])
                auth.password = String(decoded[decoded.index(after: colon)...])
            }
            out[server] = auth
        }
        return DockerConfig(auths: out)
    }

    /// Credentials for a registry, matching `auths` keys with or without scheme and path.
    public func auth(for registry: String) -> RegistryAuth? {
        let wanted = Self.host(registry == "docker.io" ? "index.docker.io" : registry)
        if let exact = auths[registry == "docker.io" ? "https://index.docker.io/v1/" : registry] { return exact }
        for (key, value) in auths.sorted(by: { $0.key < $1.key }) {
            var host = Self.host(key)
            if host == "docker.io" || host == "registry-1.docker.io" { host = "index.docker.io" }
            if host == wanted { return value }
        }
        return nil
    }

    static func host(_ key: String) -> String {
        var s = Substring(key)
        if let r = s.range(of: "://") { s = s[r.upperBound...] }
        if let slash = s.firstIndex(of: "/") { s = s[..<slash] }
        return String(s)
    }
}

public struct DockerConfigError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
