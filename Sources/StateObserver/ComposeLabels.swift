/// The label keys Docker Compose puts on what it creates; sharing them lets either tool
/// recognise the other's containers, networks and volumes.
public enum ComposeLabels {
    public static let project = "com.docker.compose.project"
    public static let service = "com.docker.compose.service"
    public static let containerNumber = "com.docker.compose.container-number"
    public static let oneoff = "com.docker.compose.oneoff"
    public static let configHash = "com.docker.compose.config-hash"
    public static let workingDir = "com.docker.compose.project.working_dir"
    public static let configFiles = "com.docker.compose.project.config_files"
    public static let environmentFile = "com.docker.compose.project.environment_file"
    public static let dependsOn = "com.docker.compose.depends_on"
    /// Image ID (digest) the container was created from.
    public static let image = "com.docker.compose.image"
    public static let version = "com.docker.compose.version"
    public static let network = "com.docker.compose.network"
    public static let volume = "com.docker.compose.volume"
    /// On a replacement container: the ID of the container it replaces.
    public static let replace = "com.docker.compose.replace"
    /// swiftcompose's own: `io.swiftcompose.role=supervisor` marks the project's supervisor container,
    /// which is no service's container (the planner leaves it alone; `ps` shows it; `down` removes it).
    public static let role = "io.swiftcompose.role"
    public static let supervisorRole = "supervisor"
    /// The Compose version we claim, so Docker Compose does not treat our containers as foreign.
    public static let composeVersion = "2.29.0"

    /// `label=com.docker.compose.project=<name>` for list filters.
    public static func projectFilter(_ name: String) -> String { "\(project)=\(name)" }
}
