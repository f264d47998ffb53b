import Foundation
import Testing
import YAML
@testable import ComposeLoader

@Suite struct DotEnvTests {
    static let root = SharedData.root + "/conformance/compose-go"

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var test: String
        var osEnv: [String: String]
        var read: [String: String]?
        var exact: Bool
        var absent: [String]
        var errorContains: String?
        var testDescription: String { "\(test) (\(file))" }
    }

    /// Every case of dotenv-expected.json except the test-registered "custom" format, which is not a .env file.
    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(root)/dotenv-expected.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var out: [Case] = []
        for (file, value) in json where file.hasSuffix(".env") {
            for c in try #require(value as? [[String: Any]]) {
                out.append(Case(file: file, test: c["test"] as? String ?? "?",
                                osEnv: c["os_env"] as? [String: String] ?? [:],
                                read: c["read"] as? [String: String],
                                exact: c["exact"] as? Bool ?? false,
                                absent: c["absent"] as? [String] ?? [],
                                errorContains: c["error_contains"] as? String))
            }
        }
        return out.sorted { ($0.file, $0.test) < ($1.file, $1.test) }
    }

    @Test func conformanceCasesAreAllThere() throws {
        // Guards against a silently empty table: 13 .env fixtures, 15 cases.
        #expect(try Self.cases().count == 15)
    }

    @Test(arguments: try cases())
    func composeGoConformance(_ c: Case) throws {
        let env = c.osEnv
        let path = "\(Self.root)/\(c.file)"
        if let expected = c.errorContains {
            #expect {
                _ = try DotEnv.load(path: path, lookup: { env[$0] })
            } throws: { error in
                "\(error)".contains(expected)
            }
            return
        }
        let pairs = try DotEnv.load(path: path, lookup: { env[$0] })
        // compose-go's Read drops keys that start with a digit.
        var got: [String: String] = [:]
        for (k, v) in pairs where !(k.first?.isNumber ?? false) { got[k] = v }
        for (k, v) in c.read ?? [:] {
            #expect(got[k] == v, "key \(k)")
        }
        if c.exact { #expect(got.count == c.read?.count ?? 0) }
        for k in c.absent { #expect(got[k] == nil, "key \(k) should be absent") }
    }

    @Test func invalidLineHasItsPosition() throws {
        do {
            _ = try DotEnv.load(path: "\(Self.root)/dotenv/fixtures/invalid1.env", lookup: { _ in nil })
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "line 7: key cannot contain a space")
            #expect(error.mark == Mark(file: "\(Self.root)/dotenv/fixtures/invalid1.env", line: 7, column: 1))
        }
    }

    @Test func missingFileNamesThePath() {
        #expect {
            _ = try DotEnv.load(path: "/nonexistent/dir/.env", lookup: { _ in nil })
        } throws: { error in
            "\(error)".contains("/nonexistent/dir/.env")
        }
    }

    static let table: [(text: String, env: [String: String], expected: [String: String], line: Int)] = [
        ("A=1\nB=${A}x\nC=$A", [:], ["A": "1", "B": "1x", "C": "1"], #line),
        ("A=1\nB=${A}", ["A": "9"], ["A": "1", "B": "9"], #line),
        ("export  A = spaced value  \n", [:], ["A": "spaced value"], #line),
        ("A=a#b\nB=a #b\nC=\"q\" # c", [:], ["A": "a#b", "B": "a", "C": "q"], #line),
        ("A=\"x\\ty\\\\z\\\"q\"", [:], ["A": "x\ty\\z\"q"], #line),
        ("A='$B \\n'", ["B": "no"], ["A": "$B \\n"], #line),
        ("A=\"multi\nline\"\nB=2", [:], ["A": "multi\nline", "B": "2"], #line),
        ("A=\"\\$B\"", ["B": "no"], ["A": "$B"], #line),
        ("A=\"\\0101\"", [:], ["A": "A"], #line),
        ("A=1\r\nB=2\r\n", [:], ["A": "1", "B": "2"], #line),
        ("A:yaml style", [:], ["A": "yaml style"], #line),
        ("BARE\nA=1", ["BARE": "from os"], ["BARE": "from os", "A": "1"], #line),
        ("A=1\nA=2", [:], ["A": "2"], #line),
        ("A=${U:-def}", [:], ["A": "def"], #line),
        ("A=\"é ${B}\"", ["B": "ü"], ["A": "é ü"], #line),
        ("# only a comment\n\n   \n", [:], [:], #line),
        ("LAST", ["LAST": "v"], ["LAST": "v"], #line),
        ("A=\"a\\012b\\0c\\qd\"", [:], ["A": "a\\12b\\c\\qd"], #line),
        ("A=\"bar\\n\\ b\\az\"", [:], ["A": "bar\n\\ b\u{07}z"], #line),
        ("A=\"escaped\\\"bar\"\nB=\"'d'\"", [:], ["A": "escaped\"bar", "B": "'d'"], #line),
        ("OPTION_A: Foo=bar\nB=1:B\nC=foobar=", [:], ["OPTION_A": "Foo=bar", "B": "1:B", "C": "foobar="], #line),
        ("export exportFoo=2\nexportFOO=3\nexport_FOO =4\nexport.FOO= 5\n\texport\tX=6", [:],
         ["exportFoo": "2", "exportFOO": "3", "export_FOO": "4", "export.FOO": "5", "X": "6"], #line),
        ("a=b\na[1]=c\na.propertyKey=d\nárvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép\n", [:],
         ["a": "b", "a[1]": "c", "a.propertyKey": "d", "árvíztűrő-TÜKÖRFÚRÓGÉP": "ÁRVÍZTŰRŐ-tükörfúrógép"], #line),
        ("A=a $ b $1", [:], ["A": "a $ b $1"], #line),
    ]

    @Test(arguments: table)
    func parses(_ row: (text: String, env: [String: String], expected: [String: String], line: Int)) throws {
        let env = row.env
        let pairs = try DotEnv.parse(row.text, file: "t.env", lookup: { env[$0] })
        var got: [String: String] = [:]
        for (k, v) in pairs { got[k] = v }
        #expect(got == row.expected, "row at line \(row.line)")
        #expect(pairs.count == row.expected.count, "row at line \(row.line)")
    }

    @Test func keepsFileOrder() throws {
        let pairs = try DotEnv.parse("Z=1\nA=2\nM=3\nA=4", file: "t.env", lookup: { _ in nil })
        #expect(pairs.map(\.key) == ["Z", "A", "M"])
        #expect(pairs.map(\.value) == ["1", "4", "3"])
    }

    static let errors: [(text: String, message: String, line: Int, column: Int)] = [
        ("A=1\nB C=2", "line 2: key cannot contain a space", 2, 1),
        ("A=1\n  B*=2", "line 2: unexpected character \"*\" in variable name \"B*=2\"", 2, 4),
        ("A=1\nB=\"open\nC=2", "line 2: unterminated quoted value \"open", 2, 3),
        ("A=ok\nB=${X:?is needed}", "line 2: required variable X is missing a value: is needed", 2, 3),
        ("A=${}", "line 1: invalid interpolation format: \"${}\"", 1, 3),
        ("%!(EXTRA string)=foo", "line 1: unexpected character \"%\" in variable name \"%!(EXTRA string)=foo\"", 1, 1),
        ("A=1\n\"x\"=2", "line 2: unexpected character \"\\\"\" in variable name \"\\\"x\\\"=2\"", 2, 1),
    ]

    @Test(arguments: errors)
    func errorsHavePositions(_ row: (text: String, message: String, line: Int, column: Int)) {
        do {
            _ = try DotEnv.parse(row.text, file: "t.env", lookup: { _ in nil })
            Issue.record("expected an error for \(row.text)")
        } catch {
            #expect(error.message == row.message)
            #expect(error.mark == Mark(file: "t.env", line: row.line, column: row.column))
        }
    }
}
