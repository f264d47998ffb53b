import Foundation
import ComposeModel
import Planner
import EngineAPI
import ImageBuilder
import Executor

extension ImagePreparation {
    /// Builds the services' images (one build per image name), one after the other;
    /// returns image name → new image ID, or throws every failure, one line each.
    func build(_ services: [Service], project: Project, overrides: BuildRequest.Overrides,
               quiet: Bool) async throws(CommandFailure) -> [String: String] {
        var requests: [BuildRequest] = []
        var seen = Set<String>()
        var rank: [String: Int] = [:]
        for (i, name) in project.servicesInDependencyOrder().enumerated() { rank[name] = i }
        let ordered = services.sorted { (rank[$0.name] ?? 0) < (rank[$1.name] ?? 0) }
        for s in ordered where s.build != nil {
            let ref = project.imageName(s)
            guard seen.insert(ref).inserted else { continue }
            do {
                requests.append(try BuildRequest.make(project: project, service: s, overrides: overrides))
            } catch {
                throw CommandFailure("service \(s.name): \(error.message)")
            }
        }
        guard !requests.isEmpty else { return [:] }
        for r in requests where !r.ignored.isEmpty {
            context.printer.note("WARN[0000] service \(r.service): build \(r.ignored.joined(separator: ", ")) need BuildKit, "
                                 + "which this Docker daemon's classic builder lacks; they are ignored")
        }
        let output = BuildOutput(services: requests.map(\.service), quiet: quiet, ansi: context.global.ansi)
        let builder = ImageBuilder(engine: context.engine)
        // On a terminal the progress area would fight with the build output on stdout; show it elsewhere.
        let printer = context.printer.mode == .tty ? nil : context.printer
        // One at a time, in dependency order, as Docker Compose drives the classic builder: concurrent builds of
        // the same steps fork the build cache, and a later rebuild could then miss it and recreate containers.
        var results: [Result<String, ImageBuildError>] = []
        for request in requests {
            printer?.show(ProgressEvent(kind: "Service", name: request.service, phase: .working, status: "Building"))
            do throws(ImageBuildError) {
                let id = try await builder.build(request) { line in output.line(request.service, line) }
                printer?.show(ProgressEvent(kind: "Service", name: request.service, phase: .done, status: "Built"))
                results.append(.success(id))
            } catch {
                printer?.show(ProgressEvent(kind: "Service", name: request.service, phase: .failed, status: "Error",
                                            detail: error.description))
                results.append(.failure(error))
            }
        }
        printer?.finish()
        var built: [String: String] = [:]
        var failures: [String] = []
        for (request, result) in zip(requests, results) {
            switch result {
            case .success(let id): built[request.image] = id
            case .failure(let e): failures.append(e.description)
            }
        }
        if !failures.isEmpty { throw CommandFailure(failures.joined(separator: "\n")) }
        return built
    }
}
