public import YAML

/// Every failure to turn files into a project: what is wrong, where (`file:line:col`, key path),
/// and how to fix it where that is obvious.
public struct ComposeError: Error, Sendable, CustomStringConvertible, Equatable {
    private enum Code: Sendable, Equatable {
        case yaml, schema, interpolation, dotenv, merge, extends, include, validation, cycle, file, projectName, empty
    }

    private let code: Code
    public let mark: Mark?
    /// Dotted path from the document root, e.g. `services.web.ports[0]`.
    public let keyPath: String?
    public let message: String
    public let hint: String?

    private init(_ code: Code, _ message: String, at mark: Mark?, path: String?, hint: String?) {
        self.code = code
        self.message = message
        self.mark = mark
        self.keyPath = path
        self.hint = hint
    }

    public var description: String {
        var s = ""
        if let mark { s += "\(mark): " }
        if let keyPath, !keyPath.isEmpty { s += "\(keyPath): " }
        s += message
        if let hint { s += "\n  hint: \(hint)" }
        return s
    }

    public static func == (a: ComposeError, b: ComposeError) -> Bool {
        a.code == b.code && a.mark == b.mark && a.keyPath == b.keyPath && a.message == b.message
    }

    // MARK: kinds

    public static func yaml(_ e: YAMLError) -> ComposeError {
        ComposeError(.yaml, e.message, at: e.mark, path: nil, hint: nil)
    }
    /// Unknown key or wrong type, found against the Compose schema.
    public static func schema(_ message: String, at mark: Mark?, path: String?, hint: String? = nil) -> ComposeError {
        ComposeError(.schema, message, at: mark, path: path, hint: hint)
    }
    public static func interpolation(_ message: String, at mark: Mark?, path: String?, hint: String? = nil) -> ComposeError {
        ComposeError(.interpolation, message, at: mark, path: path, hint: hint)
    }
    public static func dotenv(_ message: String, at mark: Mark?, hint: String? = nil) -> ComposeError {
        ComposeError(.dotenv, message, at: mark, path: nil, hint: hint)
    }
    public static func merge(_ message: String, at mark: Mark?, path: String?, hint: String? = nil) -> ComposeError {
        ComposeError(.merge, message, at: mark, path: path, hint: hint)
    }
    public static func extends(_ message: String, at mark: Mark?, path: String?, hint: String? = nil) -> ComposeError {
        ComposeError(.extends, message, at: mark, path: path, hint: hint)
    }
    public static func include(_ message: String, at mark: Mark?, path: String?, hint: String? = nil) -> ComposeError {
        ComposeError(.include, message, at: mark, path: path, hint: hint)
    }
    /// Consistency: undefined references, invalid values, conflicting settings.
    public static func validation(_ message: String, at mark: Mark?, path: String?, hint: String? = nil) -> ComposeError {
        ComposeError(.validation, message, at: mark, path: path, hint: hint)
    }
    public static func cycle(_ message: String, at mark: Mark?, path: String?, hint: String? = nil) -> ComposeError {
        ComposeError(.cycle, message, at: mark, path: path, hint: hint)
    }
    /// A file that cannot be found or read.
    public static func file(_ message: String, path: String? = nil, hint: String? = nil) -> ComposeError {
        ComposeError(.file, message, at: nil, path: path, hint: hint)
    }
    public static func projectName(_ message: String, hint: String? = nil) -> ComposeError {
        ComposeError(.projectName, message, at: nil, path: nil, hint: hint)
    }
    public static func empty(_ file: String) -> ComposeError {
        ComposeError(.empty, "empty compose file", at: Mark(file: file, line: 1, column: 1), path: nil,
                     hint: "add a top-level 'services:' section")
    }
}
