/// The supervisor container's own label and paths (its role label is `ComposeLabels.role`).
public enum SupervisorLabels {
    /// Hash of the supervisor's configuration (project, image): a change recreates it.
    public static let configHash = "io.swiftcompose.supervisor.config-hash"
    /// Where the supervisor container keeps its status file.
    public static let statusPath = "/status/status.json"
    /// Replica counts set by `up --scale` and `scale` (JSON object service → count), read live.
    public static let scalePath = "/project/scale.json"
    /// Replicas `up` is about to stop or replace (JSON object container ID → grace seconds), drained first.
    public static let drainPath = "/project/drain.json"
    /// Where the project file is copied into the supervisor container.
    public static let projectPath = "/project/compose.json"
}
