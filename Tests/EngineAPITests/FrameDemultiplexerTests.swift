import Testing
@testable import EngineAPI

@Suite struct FrameDemultiplexerTests {
    static func frame(_ stream: UInt8, _ text: String) -> [UInt8] {
        let body = Array(text.utf8)
        let n = UInt32(body.count)
        return [stream, 0, 0, 0, UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + body
    }

    @Test func severalFramesInOneChunk() throws {
        var demux = FrameDemultiplexer()
        let chunks = try demux.feed(Self.frame(1, "out\n") + Self.frame(2, "err\n") + Self.frame(1, "more"))
        #expect(chunks == [
            LogChunk(stream: .stdout, bytes: Array("out\n".utf8)),
            LogChunk(stream: .stderr, bytes: Array("err\n".utf8)),
            LogChunk(stream: .stdout, bytes: Array("more".utf8)),
        ])
        #expect(demux.pendingByteCount == 0)
    }

    @Test func framesCutAtEveryPossibleBoundary() throws {
        let input = Self.frame(1, "hello") + Self.frame(2, "") + Self.frame(2, "world!")
        for cut in 0...input.count {
            for cut2 in cut...input.count {
                var demux = FrameDemultiplexer()
                var out: [LogChunk] = []
                out += try demux.feed(input[..<cut])
                out += try demux.feed(input[cut..<cut2])
                out += try demux.feed(input[cut2...])
                #expect(out.map(\.text) == ["hello", "world!"], "cuts at \(cut), \(cut2)")
                #expect(out.map(\.stream) == [.stdout, .stderr])
                #expect(demux.pendingByteCount == 0)
            }
        }
    }

    @Test func byteByByteAndLargeFrame() throws {
        let big = String(repeating: "x", count: 70_000)
        let input = Self.frame(1, big) + Self.frame(2, "tail")
        var demux = FrameDemultiplexer()
        var out: [LogChunk] = []
        for byte in input { out += try demux.feed([byte]) }
        #expect(out.count == 2)
        #expect(out.first?.bytes.count == 70_000)
        #expect(out.last?.text == "tail")
    }

    @Test func partialFrameIsPending() throws {
        var demux = FrameDemultiplexer()
        let input = Self.frame(1, "abcdef")
        #expect(try demux.feed(input.prefix(10)).isEmpty)
        #expect(demux.pendingByteCount == 10)
    }

    @Test func unknownStreamIdIsAnError() {
        var demux = FrameDemultiplexer()
        #expect(throws: EngineError.self) { try demux.feed(Array("hello world\n".utf8)) }
    }
}
