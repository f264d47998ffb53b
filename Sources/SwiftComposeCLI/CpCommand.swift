import Foundation
public import ArgumentParser
import EngineAPI

/// `cp SERVICE:SRC DEST` and `cp SRC SERVICE:DEST`: copies files and directories between a service
/// container and the local filesystem through the daemon's archive endpoints (tar out, tar in).
/// `-` as the local side streams the tar itself through stdout/stdin.
public struct CpCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cp", abstract: "Copy files/folders between a service container and the local filesystem")

    @OptionGroup public var global: GlobalOptions

    @Flag(name: .customLong("all"), help: .hidden)
    var all = false
    @Flag(name: [.short, .customLong("archive")], help: "Archive mode (copy all uid/gid information)")
    var archive = false
    @Flag(name: [.customShort("L"), .customLong("follow-link")], help: "Always follow symbol link in SRC_PATH")
    var followLink = false
    @Option(name: .customLong("index"), help: "Index of the container if service has multiple replicas")
    var index: Int?
    @Argument(help: "SERVICE:SRC_PATH or a local path (- for a tar on stdin)")
    var source: String
    @Argument(help: "A local path (- for a tar on stdout) or SERVICE:DEST_PATH")
    var destination: String

    public init() {}

    public func validate() throws {
        _ = try CpPaths(source: source, destination: destination)
        if let index, index < 1 { throw ValidationError("--index must be 1 or more") }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let paths: CpPaths
            do {
                paths = try CpPaths(source: source, destination: destination)
            } catch {
                throw CommandFailure("\(error)")
            }
            let name = try ServiceContainers.projectName(global, services: [paths.service])
            let context = try CommandContext(global: global)
            let container = try await ServiceContainers(engine: context.engine, project: name)
                .any(service: paths.service, index: index)
            let copier = ArchiveCopier(engine: context.engine, container: container.id,
                                       containerName: ServiceContainers.name(container),
                                       preserveOwners: archive, followLink: followLink)
            do {
                switch paths.direction {
                case .fromContainer(let src, let dest): try await copier.copyOut(containerPath: src, to: dest)
                case .toContainer(let src, let dest): try await copier.copyIn(localPath: src, to: dest)
                }
            } catch let e as CommandFailure {
                throw e
            } catch {
                throw CommandFailure(CommandContext.describe(error))
            }
        }
    }
}

/// The two arguments of `cp`, told apart by the `SERVICE:` prefix (a local path with a colon can be
/// written `./a:b`).
struct CpPaths: Equatable {
    enum Direction: Equatable {
        case fromContainer(String, String)
        case toContainer(String, String)
    }
    var service: String
    var direction: Direction

    init(source: String, destination: String) throws(ValidationError) {
        let src = Self.split(source)
        let dst = Self.split(destination)
        switch (src, dst) {
        case (.some(let s), nil):
            service = s.service
            direction = .fromContainer(s.path, destination)
        case (nil, .some(let d)):
            service = d.service
            direction = .toContainer(source, d.path)
        case (.some, .some):
            throw ValidationError("copying between services is not supported: one of SOURCE and DESTINATION must be a local path")
        case (nil, nil):
            throw ValidationError("one of SOURCE and DESTINATION must be SERVICE:PATH, e.g. 'web:/etc/hosts ./hosts'")
        }
        if case .fromContainer(let p, _) = direction, p.isEmpty { throw ValidationError("the container path must not be empty") }
        if case .toContainer(_, let p) = direction, p.isEmpty { throw ValidationError("the container path must not be empty") }
    }

    /// "svc:/path" → (svc, /path); local paths (absolute, ./relative, or without a colon) → nil.
    static func split(_ arg: String) -> (service: String, path: String)? {
        if arg.hasPrefix("/") || arg.hasPrefix(".") || arg == "-" { return nil }
        guard let colon = arg.firstIndex(of: ":") else { return nil }
        let service = String(arg[..<colon])
        // A slash before the colon makes it a local path ("dir/a:b").
        if service.isEmpty || service.contains("/") { return nil }
        return (service, String(arg[arg.index(after: colon)...]))
    }
}
