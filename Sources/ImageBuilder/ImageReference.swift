/// A parsed image reference (`[registry/]path[:tag][@digest]`), enough to pull, push and find credentials.
public struct ImageReference: Sendable, Equatable {
    /// `docker.io` when the reference names none.
    public var registry: String
    /// Repository path as written, with the registry (e.g. `127.0.0.1:1/app`, `busybox`).
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(_ text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        // A tag follows the last ':' of the last path component (a registry port has a '/' after it).
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        repository = String(rest)
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" {
                registry = String(first)
                return
            }
        }
        registry = "docker.io"
    }

    /// The tag to ask for: the digest, else the tag, else `latest`.
    public var reference: String { digest ?? tag ?? "latest" }

    /// The key `~/.docker/config.json` uses for this registry.
    public var authKey: String { registry == "docker.io" ? "https://index.docker.io/v1/" : registry }
}
