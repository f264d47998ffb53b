import Testing
@testable import YAML

@Suite struct YAMLParserTests {
    let parser = YAMLParser()

    @Test func marksAreOneBased() throws {
        let doc = try #require(try parser.parse("services:\n  web:\n    image: nginx\n", file: "c.yaml"))
        let image = try #require(doc["services"]?["web"]?["image"])
        #expect(image.scalarValue == "nginx")
        #expect(image.mark == Mark(file: "c.yaml", line: 3, column: 12))
    }

    @Test func anchorsAndMergeKeys() throws {
        let text = """
        x-base: &base
          image: busybox
          environment: {A: "1"}
        services:
          a:
            <<: *base
            image: local
          b:
            <<: [*base, {user: root}]
        """
        let doc = try #require(try parser.parse(text, file: "f"))
        #expect(doc["services"]?["a"]?["image"]?.scalarValue == "local")
        #expect(doc["services"]?["a"]?["environment"]?["A"]?.scalarValue == "1")
        #expect(doc["services"]?["b"]?["user"]?.scalarValue == "root")
        #expect(doc["services"]?["a"]?.entries?.count == 2)
    }

    @Test func duplicateKeyIsAnError() {
        #expect {
            _ = try parser.parse("a: 1\nb: 2\na: 3\n", file: "f")
        } throws: { error in
            guard let e = error as? YAMLError else { return false }
            return e.mark.line == 3 && e.message.contains("duplicate key \"a\"")
        }
    }

    @Test func duplicatesFoundInBigAndNestedMappings() throws {
        // Keys alike in length and first bytes are still different keys.
        let alike = try #require(try parser.parse("abcdefgh1: 1\nabcdefgh2: {abcdefgh1: 2, abcdefgh2: 3}\n", file: "f"))
        #expect(alike.entries?.count == 2)
        #expect(alike["abcdefgh2"]?.entries?.count == 2)
        // Past the 32 keys scanned, the rest are indexed; an inner mapping's keys are its own.
        let big = (0..<40).map { "k\($0): {k\($0): x}" }.joined(separator: "\n")
        #expect(try parser.parse(big + "\n", file: "f")?.entries?.count == 40)
        for dup in ["k3", "k35"] {
            #expect {
                _ = try parser.parse(big + "\n\(dup): again\n", file: "f")
            } throws: { error in
                (error as? YAMLError)?.message.contains("duplicate key \"\(dup)\"") == true
            }
        }
    }

    @Test func mergeKeysInBigMappings() throws {
        let keys = (0..<40).map { "k\($0): local" }.joined(separator: "\n  ")
        let text = "base: &base {k1: merged, k35: merged, extra: first}\nother: &other {extra: second, more: m}\nm:\n  <<: [*base, *other]\n  \(keys)\n"
        let m = try #require(try parser.parse(text, file: "f")?["m"])
        #expect(m.entries?.count == 42)
        #expect(m["k1"]?.scalarValue == "local")
        #expect(m["k35"]?.scalarValue == "local")
        #expect(m["extra"]?.scalarValue == "first")
        #expect(m["more"]?.scalarValue == "m")
    }

    @Test func undefinedAliasIsAnError() {
        #expect(throws: YAMLError.self) { _ = try parser.parse("a: *nope\n", file: "f") }
    }

    @Test func billionLaughsIsBounded() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        #expect(throws: YAMLError.self) { _ = try parser.parse(text, file: "f") }
    }

    @Test func deepNestingIsBounded() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: YAMLError.self) { _ = try parser.parse(text, file: "f") }
    }

    @Test func multipleDocumentsRejected() {
        #expect(throws: YAMLError.self) { _ = try parser.parse("a: 1\n---\nb: 2\n", file: "f") }
    }

    @Test func emptyStreamIsNil() throws {
        #expect(try parser.parse("", file: "f") == nil)
        #expect(try parser.parse("# only a comment\n", file: "f") == nil)
    }

    @Test func tagsAreKept() throws {
        let doc = try #require(try parser.parse("ports: !reset []\nx: !override {a: 1}\n", file: "f"))
        #expect(doc["ports"]?.tag == "!reset")
        #expect(doc["x"]?.tag == "!override")
    }

    @Test func syntaxErrorHasPosition() {
        #expect {
            _ = try parser.parse("a:\n  b: [1, 2\n", file: "f.yml")
        } throws: { error in
            (error as? YAMLError)?.mark.file == "f.yml"
        }
    }

    @Test func nullScalars() throws {
        let doc = try #require(try parser.parse("a:\nb: ~\nc: ''\nd: null\n", file: "f"))
        #expect(doc["a"]?.isNull == true)
        #expect(doc["b"]?.isNull == true)
        #expect(doc["c"]?.isNull == false)
        #expect(doc["d"]?.isNull == true)
    }

    @Test func emitterRoundTrip() throws {
        let text = "services:\n  web:\n    image: nginx\n    ports:\n    - \"8080\"\n    environment:\n      EMPTY: \"\"\n      MULTI: |-\n        a\n        b\n"
        let doc = try #require(try parser.parse(text, file: "f"))
        let out = try YAMLEmitter().emit(doc)
        let again = try #require(try parser.parse(out, file: "g"))
        #expect(try YAMLEmitter().emit(again) == out)
        #expect(again["services"]?["web"]?["environment"]?["EMPTY"]?.isNull == false)
        #expect(again["services"]?["web"]?["environment"]?["MULTI"]?.scalarValue == "a\nb")
    }

    @Test func quotingOfAmbiguousStrings() throws {
        let node = YAMLNode(.mapping([
            .init(key: .string("a"), value: .string("8080")),
            .init(key: .string("b"), value: .string("yes")),
            .init(key: .string("c"), value: .string("")),
            .init(key: .string("d"), value: .string("plain")),
        ]), mark: Mark(file: "", line: 0, column: 0))
        let out = try YAMLEmitter().emit(node)
        #expect(out == "a: \"8080\"\nb: \"yes\"\nc: \"\"\nd: plain\n")
    }
}
