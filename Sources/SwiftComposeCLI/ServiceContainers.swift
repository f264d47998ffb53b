import Foundation
import EngineAPI
import StateObserver
import ComposeModel

/// Finding a project's containers by service, as exec, attach, cp and stats address them.
struct ServiceContainers {
    let engine: EngineClient
    let project: String

    /// The project's non-one-off containers (optionally of some services), by service then number.
    func list(services: [String] = [], all: Bool) async throws(CommandFailure) -> [ContainerSummary] {
        var labels = [ComposeLabels.projectFilter(project), "\(ComposeLabels.oneoff)=False"]
        if services.count == 1 { labels.append("\(ComposeLabels.service)=\(services[0])") }
        let found: [ContainerSummary]
        do {
            found = try await engine.listContainers(all: all, filters: ["label": labels])
        } catch {
            throw CommandFailure(CommandContext.describe(error))
        }
        return found.filter { services.isEmpty || services.contains($0.labels?[ComposeLabels.service] ?? "") }
            .sorted { (Self.service($0), Self.number($0), Self.name($0)) < (Self.service($1), Self.number($1), Self.name($1)) }
    }

    /// The running container `index` of `service` (the first one by number when `index` is nil), with
    /// Docker Compose's wording when there is none.
    func running(service: String, index: Int?) async throws(CommandFailure) -> ContainerSummary {
        let candidates = try await list(services: [service], all: false)
        if let index {
            guard let c = candidates.first(where: { Self.number($0) == index }) else {
                if candidates.isEmpty { throw CommandFailure("service \"\(service)\" is not running") }
                throw CommandFailure("service \"\(service)\" is not running container #\(index)")
            }
            return c
        }
        guard let first = candidates.first else { throw CommandFailure("service \"\(service)\" is not running") }
        return first
    }

    /// Container `index` of `service` in any state (cp works on stopped containers too).
    func any(service: String, index: Int?) async throws(CommandFailure) -> ContainerSummary {
        let candidates = try await list(services: [service], all: true)
        if let index {
            guard let c = candidates.first(where: { Self.number($0) == index }) else {
                throw CommandFailure("service \"\(service)\" has no container #\(index)")
            }
            return c
        }
        guard let first = candidates.first else {
            throw CommandFailure("no container found for service \"\(service)\"; create it with 'swiftcompose up \(service)'")
        }
        return first
    }

    static func service(_ c: ContainerSummary) -> String { c.labels?[ComposeLabels.service] ?? "" }
    static func number(_ c: ContainerSummary) -> Int { Int(c.labels?[ComposeLabels.containerNumber] ?? "") ?? 0 }
    static func name(_ c: ContainerSummary) -> String {
        let n = c.names?.first ?? c.id
        return n.hasPrefix("/") ? String(n.dropFirst()) : n
    }

    /// The project name the container commands address: `-p` alone is enough (no compose file needed),
    /// otherwise the loaded project's.
    /// Services named on the command line must be the project's (when a compose file was loaded).
    static func projectName(_ global: GlobalOptions, services: [String] = []) throws(CommandFailure) -> String {
        let project = try DownCommand.projectForDown(global)
        if !project.services.isEmpty || !project.disabledServices.isEmpty {
            for s in services where project.services[s] == nil && project.disabledServices[s] == nil {
                throw CommandFailure("no such service: \(s)")
            }
        }
        return project.name
    }
}

/// Writes whole buffers to a descriptor (stdout/stderr), retrying short writes.
enum Output {
    static func write(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return  // Reader gone (EPIPE): nothing useful left to do with the output.
            }
            offset += n
        }
    }

    static func write(_ text: String, to fd: Int32 = STDOUT_FILENO) {
        write(Array(text.utf8), to: fd)
    }
}
