import Testing
import YAML
@testable import ComposeLoader

@Suite struct InterpolationTests {
    static let env: [String: String] = ["FOO": "first", "BAR": "", "NUM": "8080", "NESTED": "FOO"]
    let interpolator = Interpolator(lookup: { InterpolationTests.env[$0] })

    static let forms: [(input: String, expected: String)] = [
        ("plain", "plain"),
        ("$FOO", "first"),
        ("${FOO}", "first"),
        ("$FOO-bar", "first-bar"),
        ("${FOO}bar", "firstbar"),
        ("pre ${MISSING} post", "pre  post"),
        ("${MISSING:-def}", "def"),
        ("${MISSING-def}", "def"),
        ("${BAR:-def}", "def"),
        ("${BAR-def}", ""),
        ("${FOO:-def}", "first"),
        ("${FOO:?err}", "first"),
        ("${BAR?err}", ""),
        ("${FOO:+alt}", "alt"),
        ("${BAR:+alt}", ""),
        ("${BAR+alt}", "alt"),
        ("${MISSING+alt}", ""),
        ("${MISSING:-${FOO}}", "first"),
        ("${MISSING:-${OTHER:-x}}", "x"),
        ("${MISSING-${FOO} ${FOO}}", "first first"),
        ("${BAR:-/non:-alphanumeric}", "/non:-alphanumeric"),
        ("${MISSING-myerror?msg}", "myerror?msg"),
        ("$$FOO", "$FOO"),
        ("$${FOO}", "${FOO}"),
        ("a$$b$$", "a$b$"),
        ("${NUM}:80", "8080:80"),
        ("é${FOO}ü", "éfirstü"),
        ("${foo_1:-low}", "low"),
        // A `$` that starts no template stays (spec: "preserved without attempt to interpolate").
        ("cost $5", "cost $5"),
        ("trailing $", "trailing $"),
        ("$(date) $}", "$(date) $}"),
        // The argument is read only when used, so a broken one does not matter when the variable is set.
        ("${FOO:-${BAR}", "first"),
        // compose-go's brace count: every `{` opens a level.
        ("${MISSING:-{x}}", "{x}"),
        ("${MISSING:-{}}x}", "{}}x"),
        ("${MISSING:-a}b}", "ab}"),
        ("${FOO:+[${FOO}]} ${FOO}", "[first] first"),
    ]

    @Test(arguments: forms)
    func substitutes(_ row: (input: String, expected: String)) throws {
        #expect(try interpolator.interpolate(row.input, at: nil, path: "p") == row.expected)
    }

    static let invalid = ["${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${FOO:=x}", "${FOO", "${FOO:-x",
                          "${MISSING:-${BAR}", "${FOO:-a\n}", "ok ${MISSING:-${1}}"]

    @Test(arguments: invalid)
    func rejectsInvalidFormat(_ input: String) {
        let mark = Mark(file: "c.yaml", line: 4, column: 12)
        do {
            _ = try interpolator.interpolate(input, at: mark, path: "services.web.command")
            Issue.record("expected an error for \(input)")
        } catch {
            #expect(error.message == "invalid interpolation format for services.web.command: \"\(input)\"; you may need to escape any $ with another $")
            #expect(error.mark == mark)
            #expect(error.keyPath == "services.web.command")
        }
    }

    static let required: [(input: String, message: String)] = [
        ("not ok ${UNSET:?Mandatory Variable Unset}", "required variable UNSET is missing a value: Mandatory Variable Unset"),
        ("not ok ${BAR:?Mandatory Variable Empty}", "required variable BAR is missing a value: Mandatory Variable Empty"),
        ("not ok ${UNSET:?}", "required variable UNSET is missing a value"),
        ("not ok ${UNSET?Unset}", "required variable UNSET is missing a value: Unset"),
        ("${UNSET?bar-baz}", "required variable UNSET is missing a value: bar-baz"),
        ("${UNSET:?Mandatory ${FOO}}", "required variable UNSET is missing a value: Mandatory first"),
    ]

    @Test(arguments: required)
    func requiredVariables(_ row: (input: String, message: String)) {
        do {
            _ = try interpolator.interpolate(row.input, at: nil, path: "x")
            Issue.record("expected an error for \(row.input)")
        } catch {
            #expect(error.message == row.message)
        }
    }

    @Test func treeInterpolatesValuesNotKeysWithPositions() throws {
        let text = """
        services:
          web:
            image: "nginx:${TAG:-latest}"
            ports:
              - "${NUM}:80"
            labels:
              $FOO: "$FOO"
        """
        let doc = try #require(try YAMLParser().parse(text, file: "c.yaml"))
        var missing: [Interpolator.Missing] = []
        let out = try interpolator.interpolate(doc, missing: &missing)
        let web = try #require(out["services"]?["web"])
        #expect(web["image"]?.scalarValue == "nginx:latest")
        #expect(web["ports"]?.items?.first?.scalarValue == "8080:80")
        #expect(web["labels"]?["$FOO"]?.scalarValue == "first")
        #expect(web["image"]?.mark == Mark(file: "c.yaml", line: 3, column: 12))
        #expect(missing.isEmpty)
    }

    @Test func treeErrorsCarryMarkAndKeyPath() throws {
        let text = """
        services:
          web:
            command: ["echo", "${NOPE:?set NOPE}"]
        """
        let doc = try #require(try YAMLParser().parse(text, file: "c.yaml"))
        do {
            _ = try interpolator.interpolate(doc)
            Issue.record("expected an error")
        } catch {
            #expect(error.keyPath == "services.web.command[1]")
            #expect(error.mark == Mark(file: "c.yaml", line: 3, column: 23))
            #expect(error.message == "required variable NOPE is missing a value: set NOPE")
        }
    }

    @Test func collectsMissingVariables() throws {
        let doc = try #require(try YAMLParser().parse("a: $NOPE\nb: ${NOPE2:-x}\nc: ${FOO:-$UNUSED}\nd: ${NOPE3:-$USED}\n", file: "f"))
        var missing: [Interpolator.Missing] = []
        _ = try interpolator.interpolate(doc, path: ["x"], missing: &missing)
        #expect(missing.map(\.name) == ["NOPE", "USED"])
        #expect(missing.first?.path == "x.a")
        #expect(missing.first?.mark == Mark(file: "f", line: 1, column: 4))
        #expect(missing.first?.description == "f:1:4: The \"NOPE\" variable is not set. Defaulting to a blank string.")
    }
}

/// The dotenv and interpolation pieces together, on compose-go's cli fixtures.
@Suite struct DotEnvInterpolationFixtureTests {
    static let root = SharedData.root + "/conformance/compose-go/cli/testdata"

    func load(_ path: String, env: [String: String]) throws -> YAMLNode {
        let text = String(decoding: try DotEnv.readFile(path), as: UTF8.self)
        let doc = try #require(try YAMLParser().parse(text, file: path))
        return try Interpolator(lookup: { env[$0] }).interpolate(doc)
    }

    @Test func dotEnvGivesThePublishedPort() throws {
        var env: [String: String] = [:]
        for (k, v) in try DotEnv.load(path: "\(Self.root)/simple/.env", lookup: { _ in nil }) { env[k] = v }
        let doc = try load("\(Self.root)/simple/compose-with-variables.yaml", env: env)
        #expect(doc["services"]?["simple"]?["ports"]?.items?.first?.scalarValue == "8000:80")
    }

    @Test func laterEnvFileWins() throws {
        // `--env-file .env --env-file override.env`: each file sees the values read before it.
        var env: [String: String] = [:]
        for file in [".env", "override.env"] {
            let snapshot = env
            for (k, v) in try DotEnv.load(path: "\(Self.root)/env-file/\(file)", lookup: { snapshot[$0] }) { env[k] = v }
        }
        let doc = try load("\(Self.root)/env-file/compose-with-env-files.yaml", env: env)
        #expect(doc["services"]?["simple"]?["ports"]?.items?.first?.scalarValue == "9000:80")
        #expect(env["COMPOSE_PROJECT_NAME"] == "my_project_from_dot_env")
    }

    @Test func projectNameIsInterpolated() throws {
        let doc = try load("\(Self.root)/simple/compose-name.yaml", env: ["TEST": "expected"])
        #expect(doc["name"]?.scalarValue == "test-expected-test")
    }

    @Test func defaultInVolume() throws {
        let doc = try load(SharedData.root + "/conformance/compose-go/loader/testdata/extends/interpolated.yaml", env: [:])
        #expect(doc["services"]?["foo"]?["volumes"]?.items?.first?.scalarValue == "/dev/null:/tmp/foo:ro")
    }
}
