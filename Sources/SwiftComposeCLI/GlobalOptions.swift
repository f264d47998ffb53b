public import ArgumentParser

/// Docker Compose's top-level flags. Every subcommand embeds them with `@OptionGroup`;
/// `GlobalOptions.hoist` moves those written before the subcommand name behind it.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: [.short, .customLong("file")], help: "Compose configuration files")
    public var file: [String] = []

    @Option(name: [.short, .customLong("project-name")], help: "Project name")
    public var projectName: String?

    @Option(name: .customLong("project-directory"), help: "Specify an alternate working directory (default: the path of the first Compose file)")
    public var projectDirectory: String?

    @Option(name: .customLong("env-file"), help: "Specify an alternate environment file")
    public var envFile: [String] = []

    @Option(name: .customLong("profile"), help: "Specify a profile to enable")
    public var profile: [String] = []

    @Option(name: .customLong("parallel"), help: "Control max parallelism, -1 for unlimited")
    public var parallel: Int?

    @Option(name: .customLong("progress"), help: "Set type of progress output (auto, tty, plain, json, quiet)")
    public var progress: String?

    @Option(name: .customLong("ansi"), help: "Control when to print ANSI control characters (never|always|auto)")
    public var ansi: String?

    @Flag(name: .customLong("dry-run"), help: "Execute command in dry run mode")
    public var dryRun = false

    @Flag(name: .customLong("compatibility"), help: .hidden)
    public var compatibility = false

    public init() {}

    static let valued: Set<String> = ["-f", "--file", "-p", "--project-name", "--project-directory", "--env-file",
                                      "--profile", "--parallel", "--progress", "--ansi", "--log-level"]
    static let flags: Set<String> = ["--dry-run", "--compatibility", "--no-ansi", "--verbose", "--all-resources"]

    /// `swiftcompose -f a.yml -p x up -d` → `swiftcompose up -f a.yml -p x -d`, as Docker Compose accepts both.
    public static func hoist(_ args: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            let name = a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a
            if valued.contains(name) && !a.contains("=") {
                leading.append(a)
                if i + 1 < args.count { leading.append(args[i + 1]) }
                i += 2
            } else if valued.contains(name) || flags.contains(name) {
                leading.append(a)
                i += 1
            } else if a.hasPrefix("-f") && a.count > 2 && !a.hasPrefix("--") {
                leading.append(a)  // -ffile.yml
                i += 1
            } else {
                break
            }
        }
        guard i < args.count else { return args }
        // --no-ansi / --verbose / --log-level are accepted and ignored, as Compose v2 deprecates them.
        let kept = dropIgnored(leading)
        return [args[i]] + kept + Array(args[(i + 1)...])
    }

    private static func dropIgnored(_ args: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--no-ansi" || a == "--verbose" || a == "--all-resources" { i += 1; continue }
            if a == "--log-level" { i += 2; continue }
            if a.hasPrefix("--log-level=") { i += 1; continue }
            out.append(a)
            i += 1
        }
        return out
    }
}
