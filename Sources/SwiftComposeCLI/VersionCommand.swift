public import ArgumentParser

/// `version`: `swiftcompose version v0.1.0`, `--short` → `0.1.0`, `--format json` → `{"version":"v0.1.0"}`.
public struct VersionCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "version", abstract: "Show the swiftcompose version information")

    /// The release of swiftcompose.
    public static let current = "0.1.0"

    // Global flags are accepted (they may precede the command name) though version needs no project.
    @OptionGroup public var global: GlobalOptions
    @Option(name: .customLong("format"), help: "Format the output. Values: [pretty | json]. (Default: pretty; -f after `version`)")
    var format: String?
    @Flag(name: .customLong("short"), help: "Shows only the version number")
    var short = false

    public init() {}

    public func validate() throws {
        if let format, !["pretty", "json", ""].contains(format) {
            throw ValidationError("invalid --format \"\(format)\": use pretty or json")
        }
    }

    public func run() async throws {
        StandardOutput.line(Self.text(short: short, json: format == "json"))
    }

    static func text(short: Bool, json: Bool) -> String {
        if short { return current }
        if json { return JSONOutput.object([("version", .string("v" + current))]).text }
        return "swiftcompose version v" + current
    }
}
