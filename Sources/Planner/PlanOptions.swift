/// What `up` asks of the planner, beyond the project itself.
public struct UpOptions: Sendable, Equatable {
    public enum Recreate: String, Sendable, Equatable {
        /// Recreate containers whose configuration or image changed (the default).
        case diverged
        /// `--force-recreate`.
        case force
        /// `--no-recreate`.
        case never
    }

    /// Services named on the command line; empty = all.
    public var services: [String] = []
    public var recreate: Recreate = .diverged
    /// Policy for dependencies pulled in by a services subset (`--always-recreate-deps` = force);
    /// nil = diverged (never with `--no-recreate`), as Compose.
    public var recreateDependencies: Recreate?
    /// `-V/--renew-anon-volumes`: recreated containers get fresh anonymous volumes.
    public var renewAnonymousVolumes = false
    public var noDeps = false
    public var noStart = false
    public var removeOrphans = false
    /// `--scale svc=N`, overriding `deploy.replicas`/`scale`.
    public var scale: [String: Int] = [:]
    /// `-t/--timeout` for the stops the plan contains; nil = each service's `stop_grace_period`.
    public var timeout: Int?
    /// The supervisor's replica repair: create missing replicas (and remove extra ones), leave every
    /// other existing container exactly as it is, and wait for no dependency.
    public var repairOnly = false
    /// Services behind the supervisor's load balancer (`Planner.balancedServices`).
    public var balanced: Set<String> = []
    /// A supervisor enforces `deploy.restart_policy` (engine policy `no`); false = Docker Compose's mapping.
    public var supervised = true
    /// Env files the project was loaded with (absolute), for `com.docker.compose.project.environment_file`.
    public var environmentFiles: [String] = []

    public init(services: [String] = [], recreate: Recreate = .diverged, noDeps: Bool = false, noStart: Bool = false,
                removeOrphans: Bool = false, scale: [String: Int] = [:], timeout: Int? = nil) {
        self.services = services
        self.recreate = recreate
        self.noDeps = noDeps
        self.noStart = noStart
        self.removeOrphans = removeOrphans
        self.scale = scale
        self.timeout = timeout
    }
}

/// What `down` asks of the planner.
public struct DownOptions: Sendable, Equatable {
    /// `--rmi`: which images `down` removes.
    public enum ImageRemoval: String, Sendable, Equatable {
        /// Images the project built (no `image:` of their own, or labelled with the project).
        case local
        /// Those, and every image a service names.
        case all
    }

    /// `-v`: remove named volumes declared by the project (never external ones) and anonymous volumes.
    public var removeVolumes = false
    public var removeOrphans = false
    public var timeout: Int?
    /// Services named on the command line: only their containers go; networks and volumes stay.
    public var services: [String] = []
    public var removeImages: ImageRemoval?

    public init(removeVolumes: Bool = false, removeOrphans: Bool = false, timeout: Int? = nil, services: [String] = [],
                removeImages: ImageRemoval? = nil) {
        self.services = services
        self.removeVolumes = removeVolumes
        self.removeOrphans = removeOrphans
        self.timeout = timeout
        self.removeImages = removeImages
    }
}
