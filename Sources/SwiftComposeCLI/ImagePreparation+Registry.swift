import Foundation
import ComposeModel
import Planner
import EngineAPI
import ImageBuilder
import Executor

extension ImagePreparation {
    /// Pulls each service's image (each image once), concurrently; returns image → error message for
    /// those that failed.
    func pull(_ services: [Service], project: Project, quiet: Bool) async -> [String: String] {
        let config: DockerConfig
        do {
            config = try DockerConfig.load()
        } catch {
            return Dictionary(services.map { (project.imageName($0), "service \($0.name): \(error.message)") },
                              uniquingKeysWith: { a, _ in a })
        }
        var seen = Set<String>()
        let unique = services.filter { seen.insert(project.imageName($0)).inserted }
        let engine = context.engine
        let printer = context.printer
        let results = await Self.concurrently(unique, limit: context.parallelism) { s -> (String, String?) in
            let ref = project.imageName(s)
            let parsed = ImageReference(ref)
            if !quiet { printer.show(ProgressEvent(kind: "Image", name: ref, phase: .working, status: "Pulling")) }
            do {
                let stream = try await engine.createImage(fromImage: parsed.repository, tag: parsed.reference,
                                                          auth: config.auth(for: parsed.registry))
                for try await _ in stream {}
                if !quiet { printer.show(ProgressEvent(kind: "Image", name: ref, phase: .done, status: "Pulled")) }
                return (ref, nil)
            } catch {
                let message = Self.registryFailure("pull", service: s.name, image: parsed, ref: ref, error: error)
                if !quiet { printer.show(ProgressEvent(kind: "Image", name: ref, phase: .failed, status: "Error")) }
                return (ref, message)
            }
        }
        printer.finish()
        var failures: [String: String] = [:]
        for (ref, message) in results { if let message { failures[ref] = message } }
        return failures
    }

    /// Pushes one tag; nil on success, else the message.
    func push(_ ref: String, service: String, config: DockerConfig, quiet: Bool) async -> String? {
        let parsed = ImageReference(ref)
        let printer = context.printer
        func show(_ phase: ProgressEvent.Phase, _ status: String) {
            if !quiet { printer.show(ProgressEvent(kind: "Image", name: ref, phase: phase, status: status)) }
        }
        show(.working, "Pushing")
        do {
            let stream = try await context.engine.pushImage(parsed.repository, tag: parsed.reference,
                                                            auth: config.auth(for: parsed.registry))
            for try await _ in stream {}
            show(.done, "Pushed")
            return nil
        } catch {
            show(.failed, "Error")
            return Self.registryFailure("push", service: service, image: parsed, ref: ref, error: error)
        }
    }

    /// One message naming the image, the registry and the daemon's reason, with the way out.
    static func registryFailure(_ verb: String, service: String, image: ImageReference, ref: String, error: any Error) -> String {
        let reason: String
        if let e = error as? EngineError {
            reason = e.isUnreachable || e.status == nil && !e.isStreamError ? e.description : e.message
        } else {
            reason = "\(error)"
        }
        let direction = verb == "pull" ? "from" : "to"
        var text = "service \(service): cannot \(verb) image \(ref) \(direction) registry \(image.registry): \(reason)"
        if verb == "pull" {
            text += "; build the image instead (give the service a build: section and run 'swiftcompose build \(service)') "
                + "or load it with 'docker load -i <archive>'"
        } else {
            text += "; check that the registry is reachable and that you are logged in ('docker login \(image.registry)')"
        }
        return text
    }
}
