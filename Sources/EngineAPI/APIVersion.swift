/// An Engine API version such as 1.41, compared numerically (1.9 < 1.41).
public struct APIVersion: Sendable, Comparable, Hashable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major; self.minor = minor
    }

    public init?(_ text: String) {
        let parts = text.trimmingWhitespace().split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0 else {
            return nil
        }
        self.init(major: major, minor: minor)
    }

    public static func < (a: APIVersion, b: APIVersion) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }

    public var description: String { "\(major).\(minor)" }

    /// The newest API whose request/response shapes this client handles.
    public static let newestSupported = APIVersion(major: 1, minor: 47)
    /// Below this the endpoints we rely on (e.g. wait conditions, Mounts) do not exist.
    public static let oldestSupported = APIVersion(major: 1, minor: 30)

    /// The version to speak: the daemon's own if it is older than ours, else ours.
    /// Fails when the daemon is too old, or when it refuses versions as old as our newest.
    public static func negotiate(daemon: APIVersion, daemonMinimum: APIVersion?,
                                 ours: APIVersion = .newestSupported) throws(EngineError) -> APIVersion {
        let chosen = min(daemon, ours)
        if chosen < oldestSupported {
            throw .invalidArgument("the Docker daemon speaks API \(daemon), older than the oldest this client supports (\(oldestSupported)); upgrade Docker")
        }
        if let minimum = daemonMinimum, chosen < minimum {
            throw .invalidArgument("the Docker daemon requires API \(minimum) or newer, but this client speaks at most \(ours)")
        }
        return chosen
    }
}
