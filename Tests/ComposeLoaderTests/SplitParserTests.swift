@testable import ComposeLoader
import ComposeModel
import Foundation
import Testing
import YAML

/// A big file parsed in pieces must give exactly the tree (marks included) of one parse, or nil.
@Suite struct SplitParserTests {
    /// A file over the split threshold: head anchors, comments, blank lines, a tail section.
    private func bigFile(services: Int = 1600, extraService: String = "", tail: String = "volumes:\n  data: {}\n") -> String {
        var s = "# generated\nx-common: &common\n  restart: always\n  labels: {team: core}\nname: big\n\nservices:\n"
        for i in 0..<services {
            s += "  svc\(i):\n    <<: *common\n    image: \"app:\(i)\"\n    # a comment\n    command: [\"run\", \"--id\", \"\(i)\"]\n"
            s += "    environment:\n      A: \"1\"\n      B: two\n    ports:\n    - \"\(10000 + i):80\"\n\n"
            if i == services / 4 { s += extraService }
        }
        return s + tail
    }

    private func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        guard a.mark == b.mark, a.tag == b.tag else { return false }
        switch (a.kind, b.kind) {
        case (.scalar(let x, let sx), .scalar(let y, let sy)): return x == y && sx == sy
        case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        default: return false
        }
    }

    private func split(_ text: String) -> YAMLNode? {
        SplitParser.parse(Array(text.utf8), file: "compose.yaml")
    }

    @Test func bigFileGivesTheTreeOfOneParse() throws {
        try #require(Parallel.width > 1, "needs two cores")
        let text = bigFile()
        #expect(text.utf8.count >= SplitParser.minimumSize)
        let pieces = try #require(split(text))
        let whole = try #require(try YAMLParser().parse(text, file: "compose.yaml"))
        #expect(same(pieces, whole))
    }

    @Test func tailMayUseAnchorsOfServices() throws {
        try #require(Parallel.width > 1, "needs two cores")
        let text = bigFile(extraService: "  anchored: &anchored\n    image: x\n", tail: "x-again: *anchored\n")
        let pieces = try #require(split(text))
        let whole = try #require(try YAMLParser().parse(text, file: "compose.yaml"))
        #expect(same(pieces, whole))
    }

    @Test func smallFilesAndUnhandledShapesTakeOneParse() {
        #expect(split("services:\n  a:\n    image: x\n") == nil)
        // An alias to an anchor of an earlier piece, a merge key in services, a second document.
        #expect(split(bigFile(services: 1600, extraService: "  early: &early\n    image: x\n", tail: "").replacingOccurrences(
            of: "  svc1000:\n", with: "  late: *early\n  svc1000:\n")) == nil)
        #expect(split(bigFile(extraService: "  <<: {extra: {image: x}}\n")) == nil)
        #expect(split(bigFile(tail: "---\nservices: {}\n")) == nil)
    }

    @Test func errorsComeFromOneParseWithTheirLines() throws {
        // A service repeated in another piece, and bad YAML in the second half.
        let duplicate = bigFile(extraService: "  svc1100:\n    image: x\n")
        #expect(split(duplicate) == nil)
        #expect(throws: YAMLError.self) { try YAMLParser().parse(duplicate, file: "compose.yaml") }
        var lines = bigFile().components(separatedBy: "\n")
        let bad = lines.count - 40
        lines[bad] = "    image: [unclosed"
        #expect(split(lines.joined(separator: "\n")) == nil)
        do {
            _ = try YAMLParser().parse(lines.joined(separator: "\n"), file: "compose.yaml")
            Issue.record("expected a YAML error")
        } catch {
            #expect(error.mark.line > bad)
        }
    }
}
