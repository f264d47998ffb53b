import Foundation
public import ArgumentParser
import EngineAPI

/// `images`: the image of each of the project's containers: repository, tag, platform, ID, size, age.
public struct ImagesCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "images", abstract: "List images used by the created containers")

    @OptionGroup public var global: GlobalOptions
    @Flag(name: [.short, .customLong("quiet")], help: "Only display IDs")
    var quiet = false
    @Option(name: .customLong("format"), help: "Format the output. Values: [table | json]")
    var format = "table"
    @Argument(help: "Services to show (default: all)")
    var services: [String] = []

    public init() {}

    public func validate() throws {
        if !["table", "json"].contains(format.lowercased()) {
            throw ValidationError("invalid --format \"\(format)\": use table or json")
        }
    }

    struct Row {
        var container: String
        var id: String
        var repository: String
        var tag: String
        var platform: String
        var size: Int64
        var created: Date?
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: services)
            let containers = try await scope.containers(services: services, oneoff: true)
            let engine = scope.engine
            let ids = Set(containers.compactMap(\.imageID))
            var images: [String: ImageInspect] = [:]
            do {
                images = try await withThrowingTaskGroup(of: (String, ImageInspect?).self) { group in
                    for id in ids {
                        group.addTask {
                            do { return (id, try await engine.inspectImage(id)) } catch let e as EngineError where e.isNotFound { return (id, nil) }
                        }
                    }
                    var out: [String: ImageInspect] = [:]
                    for try await (id, image) in group { out[id] = image }
                    return out
                }
            } catch {
                throw CommandFailure(LifecycleRunner.message(error))
            }
            let rows = containers.compactMap { c -> Row? in
                guard let id = c.imageID, let image = images[id] else { return nil }
                return Self.row(container: c.name, reference: c.image ?? "", image: image)
            }
            StandardOutput.write(Self.render(rows, quiet: quiet, json: format.lowercased() == "json"))
        }
    }

    /// Repository and tag: the image's tag the container was created with, else its first tag.
    static func row(container: String, reference: String, image: ImageInspect) -> Row {
        let tags = image.repoTags ?? []
        let wanted = reference.contains(":") && !reference.hasSuffix("]") ? reference : reference + ":latest"
        let repoTag = tags.first { $0 == reference || $0 == wanted } ?? tags.first ?? ""
        var repository = repoTag, tag = ""
        if let colon = repoTag.lastIndex(of: ":"), !repoTag[colon...].contains("/") {
            repository = String(repoTag[..<colon])
            tag = String(repoTag[repoTag.index(after: colon)...])
        }
        let platform = [image.os, image.architecture, image.variant].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "/")
        return Row(container: container, id: image.id, repository: repository, tag: tag, platform: platform,
                   size: image.size ?? 0, created: image.created.flatMap(parseDate))
    }

    /// RFC 3339 with the fraction dropped: whole seconds are all that is shown, and
    /// ISO8601DateFormatter does not read nanoseconds.
    static func parseDate(_ text: String) -> Date? {
        var t = text
        if let dot = t.firstIndex(of: ".") {
            let end = t[dot...].dropFirst().firstIndex { !$0.isNumber } ?? t.endIndex
            t = String(t[..<dot]) + String(t[end...])
        }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: t)
    }

    static func render(_ rows: [Row], quiet: Bool, json: Bool, now: Date = Date()) -> String {
        if quiet {
            var seen: [String] = []
            for r in rows {
                let id = r.id.hasPrefix("sha256:") ? String(r.id.dropFirst(7)) : r.id
                if !seen.contains(id) { seen.append(id) }
            }
            return seen.map { $0 + "\n" }.joined()
        }
        let sorted = rows.sorted { $0.container < $1.container }
        if json {
            let f = ISO8601DateFormatter()
            return JSONOutput.array(sorted.map { r in
                var fields: [(String, JSONOutput)] = [
                    ("ID", .string(r.id)), ("ContainerName", .string(r.container)), ("Repository", .string(r.repository)),
                    ("Tag", .string(r.tag)), ("Platform", .string(r.platform)), ("Size", .int(Int(r.size))),
                ]
                if let c = r.created { fields.append(("Created", .string(f.string(from: c)))) }
                return .object(fields)
            }).text + "\n"
        }
        let header = ["CONTAINER", "REPOSITORY", "TAG", "PLATFORM", "IMAGE ID", "SIZE", "CREATED"]
        return TableWriter.pretty.render([header] + sorted.map { r in
            [r.container, r.repository.isEmpty ? "<none>" : r.repository, r.tag.isEmpty ? "<none>" : r.tag, r.platform,
             DisplayText.shortID(r.id), DisplayText.humanSize(r.size),
             r.created.map { DisplayText.humanDuration(now.timeIntervalSince($0)) + " ago" } ?? "N/A"]
        })
    }
}
