/// Body of `POST /containers/{id}/exec`.
public struct ExecCreateBody: Codable, Sendable, Equatable {
    public var attachStdin: Bool?
    public var attachStdout: Bool?
    public var attachStderr: Bool?
    public var detachKeys: String?
    public var tty: Bool?
    public var env: [String]?
    public var cmd: [String]
    public var privileged: Bool?
    public var user: String?
    public var workingDir: String?

    public init(cmd: [String], attachStdin: Bool? = nil, attachStdout: Bool? = true, attachStderr: Bool? = true,
                detachKeys: String? = nil, tty: Bool? = nil, env: [String]? = nil, privileged: Bool? = nil,
                user: String? = nil, workingDir: String? = nil) {
        self.cmd = cmd; self.attachStdin = attachStdin; self.attachStdout = attachStdout
        self.attachStderr = attachStderr; self.detachKeys = detachKeys; self.tty = tty; self.env = env
        self.privileged = privileged; self.user = user; self.workingDir = workingDir
    }
    enum CodingKeys: String, CodingKey {
        case attachStdin = "AttachStdin", attachStdout = "AttachStdout", attachStderr = "AttachStderr"
        case detachKeys = "DetachKeys", tty = "Tty", env = "Env", cmd = "Cmd", privileged = "Privileged"
        case user = "User", workingDir = "WorkingDir"
    }
}

/// Answer of `GET /exec/{id}/json`.
public struct ExecInspect: Codable, Sendable, Equatable {
    public var id: String?
    public var containerID: String?
    public var running: Bool?
    /// Nil while the process runs.
    public var exitCode: Int?
    public var pid: Int?
    public var openStdin: Bool?
    public var openStdout: Bool?
    public var openStderr: Bool?
    public var canRemove: Bool?
    public var detachKeys: String?

    public init(
        id: String? = nil,
        containerID: String? = nil,
        running: Bool? = nil,
        exitCode: Int? = nil,
        pid: Int? = nil,
        openStdin: Bool? = nil,
        openStdout: Bool? = nil,
        openStderr: Bool? = nil,
        canRemove: Bool? = nil,
        detachKeys: String? = nil
    ) {
        self.id = id
        self.containerID = containerID
        self.running = running
        self.exitCode = exitCode
        self.pid = pid
        self.openStdin = openStdin
        self.openStdout = openStdout
        self.openStderr = openStderr
        self.canRemove = canRemove
        self.detachKeys = detachKeys
    }
    enum CodingKeys: String, CodingKey {
        case id = "ID", containerID = "ContainerID", running = "Running", exitCode = "ExitCode", pid = "Pid"
        case openStdin = "OpenStdin", openStdout = "OpenStdout", openStderr = "OpenStderr"
        case canRemove = "CanRemove", detachKeys = "DetachKeys"
    }
}

struct IDResponse: Decodable {
    var id: String
    enum CodingKeys: String, CodingKey { case id = "Id" }
}
