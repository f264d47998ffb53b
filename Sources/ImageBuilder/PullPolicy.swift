import ComposeModel

/// `pull_policy` as Docker Compose reads it.
public enum PullPolicy: Sendable, Equatable {
    case always
    /// `missing`, `if_not_present`, or unset.
    case missing
    case never
    /// Always build (services with `build:`).
    case build
    /// `daily`, `weekly`, `every_<duration>`: pull when the local image is older than this many seconds.
    case refresh(seconds: Int64)

    public init(_ text: String?) {
        switch text ?? "missing" {
        case "always", "refresh": self = .always
        case "never": self = .never
        case "build": self = .build
        case "daily": self = .refresh(seconds: 86_400)
        case "weekly": self = .refresh(seconds: 7 * 86_400)
        case let s where s.hasPrefix("every_"):
            if let d = try? ComposeDuration(parsing: String(s.dropFirst(6))), d.nanoseconds > 0 {
                self = .refresh(seconds: max(1, d.nanoseconds / 1_000_000_000))
            } else {
                self = .missing
            }
        default: self = .missing
        }
    }

    /// Whether to pull, given whether the image is present and how old it is (seconds since creation).
    public func mustPull(present: Bool, age: Int64?) -> Bool {
        switch self {
        case .always: return true
        case .never, .build: return false
        case .missing: return !present
        case .refresh(let seconds):
            guard present else { return true }
            guard let age else { return false }
            return age > seconds
        }
    }
}
