import Foundation
import ComposeModel
import StateObserver

/// What `run`'s flags change in the service before its one-off container is specified. Pure, so the
/// rules (ports dropped unless asked, entrypoint clearing the command, env resolution) are unit-tested.
struct RunOverrides: Sendable {
    var command: [String] = []
    var entrypoint: String?
    var environment: [String] = []
    var capAdd: [String] = []
    var capDrop: [String] = []
    var labels: [String] = []
    var volumes: [String] = []
    var publish: [String] = []
    var servicePorts = false
    var user: String?
    var workdir: String?
    var name: String?
    var tty = false
    var interactive = true

    struct Failure: Error { var message: String }

    /// The service as the one-off container runs it.
    func apply(to original: Service, project: Project) throws(Failure) -> Service {
        var s = original
        s.tty = tty
        s.stdinOpen = interactive
        s.containerName = name
        s.scale = 1
        s.restart = nil
        s.deploy?.restartPolicy = nil
        s.deploy?.replicas = nil
        if !command.isEmpty { s.command = command }
        if let user { s.user = user }
        // An added capability is no longer dropped, and the other way round.
        if !capAdd.isEmpty {
            s.capAdd += capAdd.filter { !s.capAdd.contains($0) }
            s.capDrop.removeAll { capAdd.contains($0) }
        }
        if !capDrop.isEmpty {
            s.capDrop += capDrop.filter { !s.capDrop.contains($0) }
            s.capAdd.removeAll { capDrop.contains($0) }
        }
        if let workdir { s.workingDir = workdir }
        if let entrypoint {
            do {
                s.entrypoint = try ShellWords.split(entrypoint)
            } catch {
                throw Failure(message: "invalid --entrypoint \"\(entrypoint)\": \(error.message)")
            }
            if command.isEmpty { s.command = [] }
        }
        for entry in environment {
            if let eq = entry.firstIndex(of: "=") {
                s.environment[String(entry[..<eq])] = String(entry[entry.index(after: eq)...])
            } else if let value = project.environment[entry] ?? ProcessInfo.processInfo.environment[entry] {
                s.environment[entry] = value
            }
        }
        for entry in labels {
            guard let eq = entry.firstIndex(of: "=") else {
                throw Failure(message: "invalid --label \"\(entry)\": label must be set as KEY=VALUE")
            }
            s.labels[String(entry[..<eq])] = String(entry[entry.index(after: eq)...])
        }
        if !servicePorts { s.ports = [] }
        if !publish.isEmpty {
            s.ports = []
            for p in publish {
                do {
                    s.ports += try PortParser.parse(p)
                } catch {
                    throw Failure(message: "invalid --publish \"\(p)\": \(error.message)")
                }
            }
        }
        for v in volumes {
            var volume: ServiceVolume
            do {
                volume = try VolumeParser.parse(v)
            } catch {
                throw Failure(message: "invalid --volume \"\(v)\": \(error.message)")
            }
            // Relative host paths are relative to the project directory, as in the compose file.
            if volume.type == .bind, let source = volume.source, !source.hasPrefix("/") {
                volume.source = URL(fileURLWithPath: source, relativeTo: URL(fileURLWithPath: project.workingDir, isDirectory: true))
                    .standardizedFileURL.path
            }
            s.volumes.removeAll { $0.target == volume.target }
            s.volumes.append(volume)
        }
        return s
    }

    /// `<project>-<service>-run-<12 hex>`, the 12 hex being the start of the container's slug.
    static func containerName(project: String, service: String, slug: String) -> String {
        "\(project)-\(service)-run-\(slug.prefix(12))"
    }

    /// 64 random hex digits, like the docker CLI's generated IDs.
    static func randomSlug() -> String {
        var g = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef")
        return String((0..<64).map { _ in hex[Int(g.next() % 16)] })
    }
}
