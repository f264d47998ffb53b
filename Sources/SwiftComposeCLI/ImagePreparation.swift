import Foundation
import ComposeModel
import EngineAPI
import ImageBuilder
import StateObserver
import Planner
import Executor

/// Getting every image a command needs: builds (`build`, `up`), pulls (`pull`, `up`) and pushes, with
/// Docker Compose's `pull_policy` rules. After `up`'s preparation every image the plan needs is local,
/// and its ID is in the observed state, so the planner recreates containers whose image changed.
struct ImagePreparation {
    let context: CommandContext

    /// `up`: pulls and builds what the selected services need, then hands the planner a project and an
    /// observed state that agree on the images' IDs.
    func prepare(project: inout Project, observed: inout ObservedProject, up: UpOptions,
                 options: ImagePreparationOptions, noBuild: Bool, quietPull: Bool) async throws(CommandFailure) {
        if options.build && noBuild { throw CommandFailure("--build and --no-build are incompatible") }
        let selected = Self.selected(project, up)
        var byImage: [String: Service] = [:]
        var order: [String] = []
        for s in selected {
            let ref = project.imageName(s)
            if byImage[ref] == nil { order.append(ref) }
            // Services sharing an image: the one that can build it speaks for all.
            if byImage[ref] == nil || (byImage[ref]?.build == nil && s.build != nil) { byImage[ref] = s }
        }
        func policy(_ s: Service) -> PullPolicy {
            if options.build && s.build != nil && !noBuild { return .build }
            return PullPolicy(s.pullPolicy)  // `up --pull` has already replaced every service's policy
        }

        // Pull what the policy asks for (never a service without `image:`, which can only be built).
        var toPull: [Service] = []
        for ref in order {
            let s = byImage[ref]!
            guard s.image != nil else { continue }
            let p = policy(s)
            let present = observed.images[ref] != nil
            var age: Int64?
            if case .refresh = p, present { age = await imageAge(ref) }
            if p.mustPull(present: present, age: age) { toPull.append(s) }
        }
        var mustBuild = Set<String>()
        if !toPull.isEmpty && !context.global.dryRun {
            let failures = await pull(toPull, project: project, quiet: quietPull)
            var errors: [String] = []
            for s in toPull {
                let ref = project.imageName(s)
                if let message = failures[ref] {
                    if s.build != nil && !noBuild {
                        mustBuild.insert(ref)
                        context.printer.note("WARN[0000] \(message); building it instead")
                    } else {
                        errors.append(message)
                    }
                } else if let id = try? await context.engine.inspectImage(ref).id {
                    observed.images[ref] = id
                }
            }
            if !errors.isEmpty { throw CommandFailure(errors.joined(separator: "\n")) }
        }

        // Build what is missing, asked for (--build, pull_policy: build), or could not be pulled.
        var toBuild: [Service] = []
        for ref in order {
            let s = byImage[ref]!
            guard s.build != nil else { continue }
            if noBuild {
                if observed.images[ref] == nil {
                    throw CommandFailure("service \(s.name): image \(ref) is not present locally and --no-build was given; "
                                         + "build it with 'swiftcompose build \(s.name)' or drop --no-build")
                }
                continue
            }
            if observed.images[ref] == nil || policy(s) == .build || mustBuild.contains(ref) { toBuild.append(s) }
        }
        if !toBuild.isEmpty {
            if context.global.dryRun {
                for s in toBuild {
                    let ref = project.imageName(s)
                    context.printer.note("DRY-RUN MODE -  build service \(s.name) (image \(ref))")
                    if observed.images[ref] == nil { observed.images[ref] = "sha256:<built by up>" }
                }
            } else {
                let built = try await build(toBuild, project: project, overrides: BuildRequest.Overrides(), quiet: false)
                for (ref, id) in built { observed.images[ref] = id }
            }
        }
        // The images are in place: the planner must not pull them again (`always` would).
        for (name, s) in project.services where observed.images[project.imageName(s)] != nil {
            project.services[name]?.pullPolicy = "missing"
        }
    }

    /// The services `up` acts on: the named ones and their dependencies (unless --no-deps), or all;
    /// scaled to zero left out, as the planner does.
    static func selected(_ project: Project, _ up: UpOptions) -> [Service] {
        var names = Set<String>()
        if up.services.isEmpty {
            names = Set(project.services.keys)
        } else {
            var queue = up.services.filter { project.services[$0] != nil }
            while let name = queue.popLast() {
                guard names.insert(name).inserted, let s = project.services[name] else { continue }
                if !up.noDeps {
                    queue += project.dependencies(of: s).filter { s.dependsOn[$0].map(\.required) ?? true }
                }
            }
        }
        return project.servicesInDependencyOrder().compactMap { name in
            guard names.contains(name), let s = project.services[name], (up.scale[name] ?? s.replicas) > 0 else { return nil }
            return s
        }
    }

    /// Seconds since the local image was created, for `daily`, `weekly`, `every_…`.
    func imageAge(_ ref: String) async -> Int64? {
        guard let created = try? await context.engine.inspectImage(ref).created else { return nil }
        // RFC 3339 with up to nanoseconds; the fraction does not matter here.
        var text = created
        if let dot = text.firstIndex(of: ".") {
            let zone = text[dot...].firstIndex { $0 == "Z" || $0 == "+" || $0 == "-" } ?? text.endIndex
            text = String(text[..<dot]) + String(text[zone...])
        }
        guard let date = ISO8601DateFormatter().date(from: text) else { return nil }
        return Int64(Date().timeIntervalSince(date))
    }

    /// Runs `body` for each item, at most `limit` at a time (-1 or 0 = unlimited).
    static func concurrently<T: Sendable, R: Sendable>(_ items: [T], limit: Int,
                                                       _ body: @escaping @Sendable (T) async -> R) async -> [R] {
        let width = limit <= 0 ? max(items.count, 1) : limit
        return await withTaskGroup(of: (Int, R).self) { group in
            var results = [R?](repeating: nil, count: items.count)
            var next = 0
            while next < items.count && next < width {
                let i = next, item = items[i]
                group.addTask { (i, await body(item)) }
                next += 1
            }
            while let (i, r) = await group.next() {
                results[i] = r
                if next < items.count {
                    let j = next, item = items[j]
                    group.addTask { (j, await body(item)) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
