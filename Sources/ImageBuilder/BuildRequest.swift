public import ComposeModel
public import EngineAPI

/// Everything one service's build sends, derived from the project without I/O.
public struct BuildRequest: Sendable {
    public var service: String
    /// `image:`, else `<project>-<service>`; the first tag.
    public var image: String
    /// Absolute context directory.
    public var context: String
    public var dockerfile: String?
    public var dockerfileInline: String?
    /// Tags, args, target, labels... (`dockerfile` is set once the context is prepared).
    public var options: BuildOptions
    /// Settings of the build section the daemon's classic builder cannot honour, named so nobody
    /// believes they took effect.
    public var ignored: [String] = []

    /// Command-line settings that override the Compose file.
    public struct Overrides: Sendable, Equatable {
        public var noCache: Bool
        public var pull: Bool
        /// `--build-arg K=V`, or `K` alone (value from the environment).
        public var args: [String]
        public init(noCache: Bool = false, pull: Bool = false, args: [String] = []) {
            self.noCache = noCache
            self.pull = pull
            self.args = args
        }
    }

    public static let composeVersion = "2.29.0"

    public static func make(project: Project, service: Service, overrides: Overrides = Overrides(),
                            environment: [String: String]? = nil) throws(BuildContextError) -> BuildRequest {
        guard let build = service.build else {
            throw BuildContextError("service \(service.name) has no build section")
        }
        let env = environment ?? project.environment
        let context = build.context ?? "."
        if context.contains("://") || context.hasPrefix("git@") || context.hasPrefix("github.com/") {
            throw BuildContextError("service \(service.name): build context \(context) is a remote URL, which swiftcompose "
                                    + "does not fetch; clone it and point build.context at the directory")
        }
        let absoluteContext = context.hasPrefix("/") ? context : PathClean.clean(project.workingDir + "/" + context)
        let image = service.image ?? "\(project.name)-\(service.name)"

        // A declared arg without a value takes the environment's, and is left out when that is unset too.
        var args: [String: String] = [:]
        for (key, value) in build.args {
            if let value { args[key] = value } else if let v = env[key] { args[key] = v }
        }
        for entry in overrides.args {
            if let eq = entry.firstIndex(of: "=") {
                args[String(entry[..<eq])] = String(entry[entry.index(after: eq)...])
            } else if let v = env[entry] {
                args[entry] = v
            }
        }
        var labels: [String: String] = [:]
        for (k, v) in build.labels { labels[k] = v }
        labels["com.docker.compose.version"] = composeVersion
        labels["com.docker.compose.project"] = project.name
        labels["com.docker.compose.service"] = service.name

        var tags = [image]
        for t in build.tags where !tags.contains(t) { tags.append(t) }
        var hosts: [String] = []
        for (host, addresses) in build.extraHosts {
            for a in addresses { hosts.append("\(host):\(a)") }
        }
        let options = BuildOptions(tags: tags, buildArgs: args, target: build.target, labels: labels,
                                   networkMode: build.network, extraHosts: hosts, shmSize: build.shmSize?.bytes,
                                   noCache: overrides.noCache || build.noCache == true,
                                   pull: overrides.pull || build.pull == true,
                                   // Unlike the docker CLI, never leave an intermediate container behind a failed step.
                                   forceRm: true)
        var ignored: [String] = []
        if !build.additionalContexts.isEmpty { ignored.append("additional_contexts") }
        if !build.secrets.isEmpty { ignored.append("secrets") }
        if !build.ssh.isEmpty { ignored.append("ssh") }
        if !build.cacheFrom.isEmpty { ignored.append("cache_from") }
        if !build.cacheTo.isEmpty { ignored.append("cache_to") }
        if !build.platforms.isEmpty { ignored.append("platforms") }
        return BuildRequest(service: service.name, image: image, context: absoluteContext, dockerfile: build.dockerfile,
                            dockerfileInline: build.dockerfileInline, options: options, ignored: ignored)
    }
}
