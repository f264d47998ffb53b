public import ArgumentParser

/// The image flags of `up`, kept apart so `up` only embeds them.
public struct ImagePreparationOptions: ParsableArguments, Sendable {
    @Flag(name: .customLong("build"), help: "Build images before starting containers")
    var build = false
    @Option(name: .customLong("pull"), help: "Pull image before running (\"always\"|\"missing\"|\"never\")")
    var pull: String?
    @Flag(name: .customLong("quiet-pull"), help: "Pull without printing progress information")
    var quietPull = false

    public init() {}

    public func validate() throws {
        if let pull, !["always", "missing", "never", "build", "if_not_present"].contains(pull) {
            throw ValidationError("invalid --pull value \"\(pull)\": use always, missing or never")
        }
    }
}
