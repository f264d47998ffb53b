import Foundation
import Testing
@testable import ComposeLoader

@Suite struct SchemaJSONTests {
    @Test func readsEveryKindOfValueInOrder() throws {
        let v = try SchemaJSON.parse(#" { "b": [1, -2.5e3, true, false, null], "a": {"x": "y"}, "e": {}, "l": [] } "#)
        #expect(v == .object([
            ("b", .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null])),
            ("a", .object([("x", .string("y"))])),
            ("e", .object([])),
            ("l", .array([])),
        ]))
        #expect(v["a"]?["x"] == .string("y"))
        #expect(v["missing"] == nil)
    }

    @Test func decodesEscapesAsFoundationDoes() throws {
        let text = #"["^[a-z]+\\.\"q\"\/\n\t\u00e9\ud83d\ude00", "plain é"]"#
        let ours = try SchemaJSON.parse(text)
        let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        #expect(ours == .array((foundation ?? []).map { .string($0) }))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "{\"a\": 1,}", "tru", "\"open", "\"\\x\"", "\"\\ud83d\"", "1 2", "-"])
    func rejectsWhatIsNotJSON(_ text: String) {
        #expect(throws: SchemaJSON.SyntaxError.self) { try SchemaJSON.parse(text) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: SchemaJSON.SyntaxError.self) { try SchemaJSON.parse(text) }
    }

    @Test func theBuiltInSchemaCompiles() throws {
        let root = try SchemaRoot.compose.get()
        #expect(root.definitions["#/definitions/service"] != nil)
        #expect(root.top.properties["services"] != nil)
    }
}
