public import ArgumentParser
import ComposeLoader
import ComposeModel
import Foundation
import ProjectGraph
import YAML

/// `swiftcompose config`: parse, resolve and render the Compose file in canonical form.
public struct ConfigCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Parse, resolve and render compose file in canonical format"
    )

    @OptionGroup public var global: GlobalOptions

    @Option(name: .customLong("format"), help: "Format the output. Values: [yaml | json]")
    public var format: String = "yaml"

    @Flag(name: [.short, .customLong("quiet")], help: "Only validate the configuration, don't print anything")
    public var quiet = false

    @Flag(name: .customLong("services"), help: "Print the service names, one per line")
    public var listServices = false

    @Flag(name: .customLong("volumes"), help: "Print the volume names, one per line")
    public var listVolumes = false

    @Flag(name: .customLong("networks"), help: "Print the network names, one per line")
    public var listNetworks = false

    @Flag(name: .customLong("profiles"), help: "Print the profile names, one per line")
    public var listProfiles = false

    @Flag(name: .customLong("images"), help: "Print the image names, one per line")
    public var listImages = false

    @Option(name: .customLong("hash"), help: "Print the service config hash, one per line (\"*\" for all, or svc1,svc2)")
    public var hash: String?

    @Flag(name: .customLong("no-interpolate"), help: "Don't interpolate environment variables")
    public var noInterpolate = false

    @Flag(name: .customLong("no-consistency"), help: "Don't check model consistency")
    public var noConsistency = false

    @Flag(name: .customLong("no-path-resolution"), help: "Don't resolve file paths")
    public var noPathResolution = false

    @Flag(name: .customLong("resolve-image-digests"), help: "Pin image tags to digests (accepted; no registry is queried)")
    public var resolveImageDigests = false

    @Option(name: [.short, .customLong("output")], help: "Save to file (default to stdout)")
    public var output: String?

    @Argument(help: "Services to render (with their dependencies); default: all")
    public var services: [String] = []

    public init() {}

    public func run() async throws {
        guard format == "yaml" || format == "json" else {
            printError("unsupported format \"\(format)\": use yaml or json")
            throw ExitCode(1)
        }
        var options = global.loadOptions()
        options.interpolate = !noInterpolate
        options.checkConsistency = !noConsistency
        options.resolvePaths = !noPathResolution
        options.services = services

        if noInterpolate && !anyListing {
            // Without interpolation values such as "${PORT}:80" cannot be typed: print the resolved tree.
            let root: YAMLNode
            do {
                root = try ProjectLoader.loadModel(options)
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
            if quiet { return }
            try emit(format == "json" ? ConfigCommand.json(root) + "\n" : YAMLEmitter().emit(root))
            Self.finish()
        }

        var project = try global.loadProject(options)
        if !services.isEmpty {
            let keep = Set(DependencyGraph(project).withDependencies(services))
            project.services = project.services.filter { keep.contains($0.key) }
        }
        if quiet { return }
        var lines: [String]?
        if listServices { lines = Array(project.services.keys) }
        if listVolumes { lines = (lines ?? []) + Array(project.volumes.keys) }
        if listNetworks { lines = (lines ?? []) + Array(project.networks.keys) }
        if listProfiles {
            let all = project.services.values.flatMap(\.profiles) + project.disabledServices.values.flatMap(\.profiles)
            lines = (lines ?? []) + Set(all).sorted()
        }
        if listImages {
            lines = (lines ?? []) + project.services.values.map { $0.image ?? "\(project.name)-\($0.name)" }
        }
        if let hash {
            let wanted = hash == "*" ? Array(project.services.keys)
                : hash.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            var out: [String] = []
            for name in wanted {
                guard let s = project.services[name] else {
                    printError("no such service: \"\(name)\"")
                    throw ExitCode(1)
                }
                out.append("\(name) \(ConfigHash.compute(s))")
            }
            lines = (lines ?? []) + out
        }
        if let lines {
            try emit(lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n")
            return
        }
        let text = format == "json" ? try ProjectEncoder.json(project) + "\n" : try ProjectEncoder.yaml(project)
        StageClock.mark("encode")
        try emit(text)
        StageClock.mark("write")
        Self.finish()
    }

    /// Output is written: exit 0 now rather than spend time freeing the project and node trees.
    private static func finish() -> Never {
        fflush(nil)
        Foundation.exit(0)
    }

    private var anyListing: Bool {
        listServices || listVolumes || listNetworks || listProfiles || listImages || hash != nil
    }

    private func emit(_ text: String) throws {
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                printError("cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// JSON for an untyped tree: plain numbers, booleans and nulls keep their type, the rest are strings.
    static func json(_ node: YAMLNode, indent: String = "") -> String {
        let inner = indent + "  "
        switch node.kind {
        case .scalar(let v, let style):
            if node.isNull { return "null" }
            if style == .plain && node.tag == nil {
                if v == "true" || v == "false" { return v }
                if Int(v) != nil || (Double(v) != nil && v.first != "." && v.last != ".") { return v }
            }
            return quote(v)
        case .sequence(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + json($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .mapping(let entries):
            if entries.isEmpty { return "{}" }
            return "{\n" + entries.map { inner + quote($0.key.scalarValue ?? "") + ": " + json($0.value, indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    static func quote(_ s: String) -> String { JSONOutput.quote(s) }
}
