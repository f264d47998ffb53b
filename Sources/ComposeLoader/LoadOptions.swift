/// Everything `ProjectLoader.load` needs to know about the invocation. The loader reads no
/// process state: the caller passes the OS environment, the working directory and stdin.
public struct LoadOptions: Sendable {
    /// `-f` files in order; `-` reads stdin. Empty: `COMPOSE_FILE`, then discovery.
    public var files: [String] = []
    /// `-p`; wins over `COMPOSE_PROJECT_NAME` and the top-level `name:`.
    public var projectName: String?
    /// `--project-directory`; default: the directory of the first file.
    public var projectDirectory: String?
    /// `--env-file`s, later wins; default: `.env` in the project directory.
    public var envFiles: [String] = []
    /// `--profile`s; empty: `COMPOSE_PROFILES`.
    public var profiles: [String] = []
    /// Services named on the command line: enabled whatever their profiles, with their profiles.
    public var services: [String] = []
    /// false for `--no-interpolate`.
    public var interpolate = true
    /// Resolve relative paths against the project directory (build context, bind mounts, files).
    public var resolvePaths = true
    /// Read `env_file`/`label_file` into `environment`/`labels`.
    public var resolveEnvFiles = true
    /// Check references between services and resources.
    public var checkConsistency = true
    /// The OS environment; wins over `.env` files.
    public var environment: [String: String]
    /// The process working directory, for relative `-f` paths and discovery.
    public var workingDirectory: String
    /// Text of standard input, read only when a file is `-`.
    public var stdin: @Sendable () -> String?
    /// Maps a non-local reference (`include`/`extends` file such as `remote:x.yaml`) to a local path;
    /// nil treats every reference as a path.
    public var remoteResolver: (@Sendable (String) -> String?)?
    /// Receives warnings (unset variables, obsolete `version`); the CLI prints them to stderr.
    public var warn: @Sendable (String) -> Void = { _ in }

    public init(workingDirectory: String, environment: [String: String] = [:],
                stdin: @escaping @Sendable () -> String? = { nil }) {
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.stdin = stdin
    }
}
