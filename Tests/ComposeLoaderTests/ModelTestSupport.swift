import ComposeLoader
import ComposeModel
import YAML

/// Helpers for the model decoding/encoding tests.
enum ModelFixture {
    static func parse(_ text: String, file: String = "compose.yaml") throws -> YAMLNode {
        guard let node = try YAMLParser().parse(text, file: file) else {
            throw ComposeError.empty(file)
        }
        return node
    }

    static func project(_ text: String, name: String = "test", applyDefaults: Bool = false) throws -> Project {
        try ProjectDecoder.decode(parse(text), name: name, workingDir: "/work", applyDefaults: applyDefaults)
    }

    /// The one service of a document `services: {s: <body>}`.
    static func service(_ body: String) throws -> Service {
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        let p = try project("services:\n  s:\n" + indented)
        guard let s = p.services["s"] else { throw ComposeError.validation("no service", at: nil, path: nil) }
        return s
    }

    /// The error a document fails with, or nil.
    static func error(_ text: String) -> ComposeError? {
        do {
            _ = try project(text)
            return nil
        } catch let e as ComposeError {
            return e
        } catch {
            return ComposeError.validation("unexpected error \(error)", at: nil, path: nil)
        }
    }

    /// Encodes to YAML, parses and decodes again.
    static func roundTrip(_ p: Project) throws -> Project {
        let text = try ProjectEncoder.yaml(p)
        return try ProjectDecoder.decode(parse(text, file: "config.yaml"), name: p.name, workingDir: p.workingDir, applyDefaults: false)
    }
}
