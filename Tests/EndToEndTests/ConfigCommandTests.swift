import Foundation
import Testing

/// `swiftcompose config` through the real binary: what a user sees on stdout, stderr and the exit code.
@Suite struct ConfigCommandTests {
    @Test func printsCanonicalProjectAndRoundTrips() throws {
        try Harness.requireBinary()
        let dir = try Harness.project([
            "compose.yaml": """
            services:
              web:
                image: busybox
                ports: ["127.0.0.1:${PORT:-8080}:80"]
                environment: [A=1, B]
            """,
            ".env": "PORT=9000\n",
        ])
        let r = try Harness.compose(["config"], in: dir)
        #expect(r.code == 0, "\(r)")
        #expect(r.stdout.contains("9000"))
        #expect(r.stdout.contains("name: \(dir.lastPathComponent)"))
        // Output fed back loads to the same output.
        let again = try Harness.compose(["-f", "-", "--project-directory", dir.path, "-p", dir.lastPathComponent, "config"], in: dir, stdin: r.stdout)
        #expect(again.code == 0, "\(again)")
        #expect(again.stdout == r.stdout)
    }

    @Test func jsonFormatAndQueries() throws {
        try Harness.requireBinary()
        let dir = try Harness.project(["compose.yaml": """
            services:
              a: {image: x, profiles: [debug]}
              b: {image: y, volumes: [data:/d]}
            volumes: {data: {}}
            """])
        let json = try Harness.compose(["config", "--format", "json"], in: dir)
        #expect(json.code == 0, "\(json)")
        let obj = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((obj?["services"] as? [String: Any])?.keys.sorted() == ["b"])
        #expect(try Harness.compose(["config", "--services"], in: dir).stdout == "b\n")
        #expect(try Harness.compose(["--profile", "debug", "config", "--services"], in: dir).stdout.split(separator: "\n").sorted() == ["a", "b"])
        #expect(try Harness.compose(["config", "--volumes"], in: dir).stdout == "data\n")
        #expect(try Harness.compose(["config", "--profiles"], in: dir).stdout == "debug\n")
        let hash = try Harness.compose(["config", "--hash", "b"], in: dir)
        #expect(hash.stdout.hasPrefix("b "), "\(hash)")
    }

    @Test func errorsNamePositionAndExitNonZero() throws {
        try Harness.requireBinary()
        let cases: [(String, String)] = [
            ("services:\n  web:\n    imagee: x\n", "compose.yaml:3:5"),
            ("services:\n  web:\n    image: x\n    ports: [\"80800:80\"]\n", "compose.yaml:4:"),
            ("services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n", "dependency cycle detected"),
            ("services:\n  a:\n    image: x\n    networks: [nope]\n", "nope"),
            ("services: [\n", "compose.yaml:"),
            ("", "empty compose file"),
        ]
        for (text, expected) in cases {
            let dir = try Harness.project(["compose.yaml": text])
            let r = try Harness.compose(["config"], in: dir)
            #expect(r.code != 0, "\(text) → \(r)")
            #expect(r.stderr.contains(expected), "\(text) → \(r)")
            #expect(!r.stderr.contains("Fatal error"), "\(r)")
        }
    }

    @Test func composeFileVariableAndProjectName() throws {
        try Harness.requireBinary()
        let dir = try Harness.project([
            "one.yaml": "services:\n  a: {image: x}\n",
            "two.yaml": "services:\n  a: {image: y}\n",
        ])
        let r = try Harness.compose(["config", "--images"], in: dir, env: ["COMPOSE_FILE": "one.yaml:two.yaml", "COMPOSE_PROJECT_NAME": "fromenv"])
        #expect(r.stdout == "y\n", "\(r)")
        let bad = try Harness.compose(["-p", "Bad Name", "config"], in: dir, env: ["COMPOSE_FILE": "one.yaml"])
        #expect(bad.code != 0)
        #expect(bad.stderr.contains("invalid project name"), "\(bad)")
    }
}
