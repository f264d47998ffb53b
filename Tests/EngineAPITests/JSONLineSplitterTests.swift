import Testing
@testable import EngineAPI

@Suite struct JSONLineSplitterTests {
    @Test func linesAcrossChunkBoundaries() throws {
        let text = "{\"a\":1}\n{\"b\":\"x y\"}\r\n\n  \n{\"c\":[1,2]}\n"
        let bytes = Array(text.utf8)
        for cut in 0...bytes.count {
            var splitter = JSONLineSplitter()
            var lines = try splitter.feed(bytes[..<cut])
            lines += try splitter.feed(bytes[cut...])
            #expect(splitter.finish() == nil)
            #expect(lines.map { String(decoding: $0, as: UTF8.self) } == ["{\"a\":1}", "{\"b\":\"x y\"}", "{\"c\":[1,2]}"])
        }
    }

    @Test func lastLineWithoutNewline() throws {
        var splitter = JSONLineSplitter()
        #expect(try splitter.feed(Array("{\"a\":1}\n{\"b\"".utf8)).count == 1)
        #expect(try splitter.feed(Array(":2}".utf8)).isEmpty)
        #expect(splitter.finish().map { String(decoding: $0, as: UTF8.self) } == "{\"b\":2}")
    }

    @Test func overlongLineIsAnError() {
        var splitter = JSONLineSplitter(maximumLineLength: 8)
        #expect(throws: EngineError.self) { try splitter.feed(Array("0123456789".utf8)) }
    }

    @Test func decodesEventsAndRaisesProgressErrors() throws {
        var events = JSONLines<EngineEvent>(method: "GET", path: "/events", check: { _ in })
        let line = #"{"Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"name":"x"}},"scope":"local","time":1700000000,"timeNano":1700000000123456789}"#
        let half = line.utf8.count / 2
        #expect(try events.feed(Array(line.utf8.prefix(half))).isEmpty)
        let decoded = try events.feed(Array(line.utf8.dropFirst(half)) + [10])
        #expect(decoded.first?.action == "start")
        #expect(decoded.first?.actor?.id == "abc")
        #expect(decoded.first?.actor?.attributes?["name"] == "x")
        #expect(decoded.first?.timeNano == 1700000000123456789)

        var progress = JSONLines<ProgressMessage>(method: "POST", path: "/images/create",
                                                  check: EngineClient.progressCheck(method: "POST", path: "/images/create"))
        #expect(try progress.feed(Array(#"{"status":"Pulling","id":"l1","progressDetail":{"current":1,"total":2}}"#.utf8) + [10]).count == 1)
        do {
            _ = try progress.feed(Array(#"{"errorDetail":{"message":"manifest unknown"},"error":"manifest unknown"}"#.utf8) + [10])
            Issue.record("an error line must throw")
        } catch let error as EngineError {
            #expect(error.isStreamError)
            #expect(error.message == "manifest unknown")
            #expect(error.description.contains("POST /images/create"))
        }
    }
}
