public import ArgumentParser

/// The image flag of `up` that `up` itself does not declare, kept apart so `up` only embeds it
/// (`--pull`, `--quiet-pull` and `--no-build` are `up`'s own).
public struct ImagePreparationOptions: ParsableArguments, Sendable {
    @Flag(name: .customLong("build"), help: "Build images before starting containers")
    var build = false

    public init() {}
}
