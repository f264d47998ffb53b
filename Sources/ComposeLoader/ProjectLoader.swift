public import ComposeModel
import Foundation
public import YAML

/// Turns Compose files into a `Project`, as `docker compose` does: find the files and the
/// environment, parse, interpolate, include, merge, extend, validate, decode, then normalise
/// (profiles, paths, env files, implicit dependencies, default network) and check consistency.
public enum ProjectLoader {
    public static func load(_ options: LoadOptions) throws(ComposeError) -> Project {
        try loadDetailed(options).project
    }

    /// The merged, validated and normalised YAML tree, not decoded: what `config --no-interpolate` prints.
    public static func loadModel(_ options: LoadOptions) throws(ComposeError) -> YAMLNode {
        try loadTree(options).root
    }

    /// The project with the merged YAML tree it was decoded from (for error positions).
    struct Loaded {
        var project: Project
        var root: YAMLNode
    }

    /// The merged tree with what decoding needs.
    struct Tree {
        var root: YAMLNode
        var name: String
        var workingDir: String
        var files: [String]
        var env: [String: String]
    }

    static func loadDetailed(_ options: LoadOptions) throws(ComposeError) -> Loaded {
        let tree = try loadTree(options)
        var project = try ProjectDecoder.decode(tree.root, name: tree.name, workingDir: tree.workingDir)
        StageClock.mark("decode")
        project.composeFiles = tree.files
        project.environment = tree.env

        // Consistency over every service, then profiles.
        if options.checkConsistency {
            try ProjectValidator(root: tree.root).validate(project)
        }
        let active = activeProfiles(options: options, env: tree.env)
        try Profiles.apply(to: &project, active: active, targeted: options.services, root: tree.root)
        StageClock.mark("consistency, profiles")
        return Loaded(project: project, root: tree.root)
    }

    /// The schema is compiled once per process (a few ms, all serial): on another thread, while the
    /// files are read and parsed; the first check waits for it if it is not done.
    private static let compileSchemaAhead: Void = Thread.detachNewThread { _ = SchemaRoot.compose }

    static func loadTree(_ options: LoadOptions) throws(ComposeError) -> Tree {
        StageClock.mark("start")
        _ = compileSchemaAhead
        HeapAdvice.adviseCallingThread()
        let session = LoadSession(options: options)
        let cwd = options.workingDirectory
        let home = options.environment["HOME"]
        func abs(_ p: String) -> String { p == "-" ? p : PathResolver.absolute(p, base: cwd, home: home) }

        // 1. Environment: OS, then .env (or --env-file) of the provisional project directory.
        var env = options.environment
        let explicitDir = options.projectDirectory.map(abs)
        func projectDir(_ files: [String]) -> String {
            explicitDir ?? files.first(where: { $0 != "-" }).map(PathResolver.dirname) ?? PathResolver.clean(cwd)
        }
        let explicitFiles = options.files.map(abs)
        let envFiles = options.envFiles.map(abs)
        let firstDir = projectDir(explicitFiles)
        try addEnvFiles(envFiles, dir: firstDir, to: &env)

        // 2. Files: -f, COMPOSE_FILE, or discovery from the working directory upwards.
        var files = explicitFiles
        if files.isEmpty, let composeFile = env["COMPOSE_FILE"], !composeFile.isEmpty {
            let sep = env["COMPOSE_PATH_SEPARATOR"].flatMap { $0.isEmpty ? nil : $0 } ?? ":"
            files = composeFile.split(separator: sep, omittingEmptySubsequences: true).map { abs(String($0)) }
        }
        if files.isEmpty {
            files = try discover(from: explicitDir ?? cwd)
        }
        let workingDir = projectDir(files)
        // A project directory found only now may have its own .env; what is set already wins.
        if workingDir != firstDir && envFiles.isEmpty {
            try addEnvFiles([], dir: workingDir, to: &env)
        }

        // 3. Each file on its own, then merged in order.
        var merged: YAMLNode?
        for file in files {
            let model = try session.loadModel(file, env: env, workingDir: workingDir, stack: [file])
            if let base = merged {
                merged = try NodeMerge.merge(base, model)
            } else {
                merged = model
            }
        }
        guard var root = merged else { throw ComposeError.file("no configuration file provided: not found") }
        root = NodeMerge.stripMergeTags(root)
        StageClock.mark("include, extends, merge")

        // 4. Schema, on the merged tree so positions point at the line that set each value.
        try SchemaValidator(allowVariables: !options.interpolate).validate(root)
        StageClock.mark("schema")
        try ExtensionValidator(allowVariables: !options.interpolate).validate(root)
        StageClock.mark("extensions")

        // 5. Name and normalisation.
        let name = try projectName(options: options, env: env, root: root, workingDir: workingDir)
        try normalize(&root, name: name, workingDir: workingDir, env: env, options: options)
        StageClock.mark("normalize")
        return Tree(root: root, name: name, workingDir: workingDir, files: files, env: env)
    }

    /// `--env-file`s when given, else `.env` of the project directory when present.
    static func addEnvFiles(_ explicit: [String], dir: String, to env: inout [String: String]) throws(ComposeError) {
        if explicit.isEmpty {
            try addDotEnv([dir + "/.env"], to: &env, required: false)
        } else {
            try addDotEnv(explicit, to: &env, required: true)
        }
    }

    /// `--profile`s, else `COMPOSE_PROFILES` (comma separated).
    static func activeProfiles(options: LoadOptions, env: [String: String]) -> [String] {
        let raw = options.profiles.isEmpty ? (env["COMPOSE_PROFILES"].map { [$0] } ?? []) : options.profiles
        return raw.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `-p` > `COMPOSE_PROJECT_NAME` > top-level `name:` > the project directory's name, normalised.
    static func projectName(options: LoadOptions, env: [String: String], root: YAMLNode, workingDir: String) throws(ComposeError) -> String {
        if let explicit = options.projectName ?? env["COMPOSE_PROJECT_NAME"] {
            try ProjectName.validate(explicit)
            return explicit
        }
        if let n = value(root, "name"), let s = n.scalarValue, !n.isNull {
            let normalized = ProjectName.normalize(s)
            if !normalized.isEmpty { return normalized }
        }
        let fromDir = ProjectName.normalize(PathResolver.basename(workingDir))
        try ProjectName.validate(fromDir)
        return fromDir
    }
}

