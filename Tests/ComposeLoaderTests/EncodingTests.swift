@testable import ComposeLoader
import ComposeModel
import Foundation
import OrderedCollections
import Testing
import YAML

@Suite struct EncodingTests {
    static let rich = """
    name: rich
    services:
      web:
        image: nginx:1.27
        build:
          context: ./web
          args: {A: "1", B: null}
          ssh: [default]
          secrets: [s1]
        command: nginx -g 'daemon off;'
        entrypoint: []
        environment: [A=1, B, C=]
        env_file: [.env, {path: other.env, required: false}]
        ports: ["8080:80", "127.0.0.1:9000-9001:9000-9001/udp", 3000, {target: 443, published: "8443", mode: host}]
        expose: [3000, "8000-8001"]
        volumes: [/data, "./src:/src:ro,z", "named:/n:nocopy", {type: tmpfs, target: /t, tmpfs: {size: 1m, mode: 0755}}]
        depends_on:
          db: {condition: service_healthy, restart: true}
          cache:
            condition: service_started
            required: false
        healthcheck:
          test: curl -f http://localhost
          interval: 1m30s
          timeout: 500ms
          retries: 3
        deploy:
          replicas: 2
          resources: {limits: {cpus: "1.5", memory: 512m}}
          restart_policy: {condition: any, delay: 5s}
        restart: unless-stopped
        extra_hosts: ["a:1.1.1.1", "b=::1"]
        ulimits: {nproc: 10, nofile: {soft: 1, hard: 2}}
        labels: [x=1, "y=true", "z=010"]
        sysctls: {net.core.somaxconn: 1024}
        networks:
          front: {aliases: [w], ipv4_address: 10.0.0.2}
          back:
        secrets: [s1, {source: s2, target: /x, mode: 0400}]
        stop_grace_period: 2s
        shm_size: 1gb
        privileged: true
        x-meta: {owner: me, n: 3, ok: false, quoted: "true"}
      db:
        image: postgres
        healthcheck: {test: [CMD, pg_isready], disable: false}
        network_mode: host
        logging: {driver: json-file, options: {max-size: 10m}}
        devices: [/dev/null]
        tmpfs: [/run]
        gpus: all
        post_start: [{command: echo hi, user: root}]
      cache:
        image: redis
        command: ["redis-server", "--save", ""]
        profiles: [debug]
    networks:
      front: {driver: bridge, ipam: {config: [{subnet: 10.0.0.0/24}]}}
      back: {internal: true}
      ext: {external: true}
    volumes:
      named: {labels: {a: b}}
    secrets:
      s1: {file: ./s1}
      s2: {environment: S2}
    configs:
      c1: {content: "x: 1"}
    x-top: [1, two]
    """

    @Test func richRoundTrip() throws {
        let p = try ModelFixture.project(Self.rich, name: "rich", applyDefaults: true)
        #expect(p.services.count == 3)
        #expect(try ModelFixture.roundTrip(p) == p)
    }

    @Test func jsonRoundTrip() throws {
        // JSON is YAML: the same parser reads it back.
        let p = try ModelFixture.project(Self.rich, name: "rich", applyDefaults: true)
        let json = try ProjectEncoder.json(p)
        let back = try ProjectDecoder.decode(ModelFixture.parse(json, file: "config.json"), name: "rich", workingDir: "/work", applyDefaults: false)
        #expect(back == p)
        // And Foundation agrees it is valid JSON.
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil)
    }

    @Test func foundationJSONDecoderReadsTheJSON() throws {
        // Typed JSON (numbers, booleans) decodes too; map order is not kept by JSONDecoder,
        // so compare the sorted service forms.
        let p = try ModelFixture.project(Self.rich, name: "rich", applyDefaults: true)
        let json = try ProjectEncoder.json(p)
        let back = try JSONDecoder().decode(Project.self, from: Data(json.utf8))
        #expect(back.services.count == p.services.count)
        for (name, service) in p.services {
            let decoded = try #require(back.services[name])
            #expect(try ProjectEncoder.serviceJSON(decoded) == ProjectEncoder.serviceJSON(service))
        }
    }

    @Test func canonicalLongSyntax() throws {
        let p = try ModelFixture.project("""
        services:
          web:
            image: nginx
            ports: ["8080:80"]
            volumes: ["./html:/usr/share/nginx/html:ro"]
            environment: [A=1]
            depends_on: [db]
            healthcheck: {test: curl x, interval: 90s}
            shm_size: 1k
          db: {image: postgres}
        """, name: "demo", applyDefaults: true)
        let yaml = try ProjectEncoder.yaml(p)
        let expected = """
        name: demo
        services:
          web:
            depends_on:
              db:
                condition: service_started
                required: true
            environment:
              A: "1"
            healthcheck:
              test:
              - CMD-SHELL
              - curl x
              interval: 1m30s
            image: nginx
            networks:
              default: null
            ports:
            - mode: ingress
              target: 80
              published: "8080"
              protocol: tcp
            shm_size: 1024
            volumes:
            - type: bind
              source: ./html
              target: /usr/share/nginx/html
              read_only: true
              bind:
                create_host_path: true
          db:
            image: postgres
            networks:
              default: null
        networks:
          default:
            name: demo_default

        """
        #expect(yaml == expected)
    }

    @Test func multiLineStringsAsLiteralBlocks() throws {
        var p = Project(name: "m")
        var s = Service(name: "s")
        s.build = BuildConfig(context: ".")
        s.build?.dockerfileInline = "FROM alpine\n\n# echo\nRUN env\n"
        s.labels = ["trailing": "a\nb", "spaces": "  x\n"]
        p.services["s"] = s
        let yaml = try ProjectEncoder.yaml(p)
        #expect(yaml.contains("dockerfile_inline: |\n        FROM alpine\n\n        # echo\n        RUN env\n"))
        #expect(try ModelFixture.roundTrip(p) == p)
    }

    @Test func bigProjectWrittenInPiecesIsTheTextOfOneWriter() throws {
        try #require(Parallel.width > 1, "needs two cores")
        var p = Project(name: "big")
        for i in 0..<150 {
            var s = Service(name: "svc\(i)")
            s.image = i % 3 == 0 ? "true" : "app:\(i)"
            s.labels = ["multi": "a\n\n  b\n", "quoted": "x: y", "n": "\(i)"]
            s.command = i % 2 == 0 ? ["run", "--id", "\(i)"] : nil
            s.build = i % 5 == 0 ? BuildConfig(context: ".") : nil
            s.build?.dockerfileInline = "FROM scratch\n\nCOPY . /\n"
            p.services[s.name] = s
        }
        p.networks["front"] = Network()
        let value = try ProjectEncoder.value(p)
        let pieces = try #require(try ProjectEncoder.yamlInPieces(value))
        #expect(pieces == (try ProjectEncoder.yamlText(value)))
        #expect(try ModelFixture.roundTrip(p) == p)
    }

    /// The writer without libyaml gives the emitter's text wherever it answers, and answers for the common shapes.
    @Test func blockWriterMatchesTheEmitter() throws {
        let strings = ["plain", "a b", " lead", "trail ", "a: b", "a:b", "a:", "a #c", "a#c", "#c", "-", "-x", "- x", "--x", "---", "...x",
                       "..x", "?x", "? x", ":x", ": x", "x?", "[a]", "a[b]", "{a}", "a,b", "&a", "*a", "!a", "|a", ">a", "'a'", "\"a\"",
                       "a\"b", "a\\b", "%a", "@a", "`a", "a'b", "tab\tx", "x\ny", "héllo", "", "true", "1.0", "null", "8080", "-1",
                       "0x1f", "a  b", "a :b", String(repeating: "k", count: 129), "~", "=x", "x=", "a\u{7F}"]
        var o: OrderedDictionary<String, JSONValue> = [:]
        for (i, s) in strings.enumerated() {
            o["k\(i)"] = .string(s)
            o[s] = .array([.string(s), .object([s: .string(s), "n": .array([.array([.string(s), .null]), .object([:]), .array([])])])])
        }
        o["numbers"] = .array([.number(1), .number(-2.5), .number(1e300), .bool(true), .null])
        var answered = 0
        for (k, v) in o {
            let value = JSONValue.object(["top": .object([k: v]), "seq": .array([v, .object([k: v])])])
            if let fast = ProjectEncoder.blockYAML(value) {
                #expect(fast == (try ProjectEncoder.yamlText(value)), "\(k)")
                answered += 1
            }
        }
        #expect(answered > 30)
        let common = JSONValue.object(["name": .string("p"), "services": .object(["web": .object([
            "image": .string("nginx:1.27"), "command": .array([.string("a"), .string("8080")]), "volume": .object([:])])])])
        #expect(ProjectEncoder.blockYAML(common) == (try ProjectEncoder.yamlText(common)))
    }

    // "1.2.3.4" matches YAML 1.1's float pattern (dots allowed after the first), so it stays quoted.
    @Test(arguments: [("true", true), ("1.0", true), ("null", true), ("", true), ("yes", true), ("0x1f", true), (".inf", true),
                      (".", false), ("./x", false), ("-", false), ("nginx", false), ("1.2.3.4", true), ("a1", false)])
    func quoting(_ s: String, _ quoted: Bool) {
        #expect(ProjectEncoder.needsQuotes(s) == quoted)
    }

    @Test func serviceJSONIsSortedAndStable() throws {
        let a = try ModelFixture.service("image: x\nenvironment: {B: 2, A: 1}\nlabels: {z: 1, a: 2}")
        let b = try ModelFixture.service("labels: {a: 2, z: 1}\nenvironment: [A=1, B=2]\nimage: x")
        let ja = try ProjectEncoder.serviceJSON(a)
        #expect(ja == (try ProjectEncoder.serviceJSON(b)))
        #expect(ja == #"{"environment":{"A":"1","B":"2"},"image":"x","labels":{"a":"2","z":"1"}}"#)
    }

    @Test func quotesStringsThatLookLikeOtherTypes() throws {
        let s = try ModelFixture.service("environment: {A: \"true\", B: \"1.0\", C: \"null\", D: \"\", E: \"yes\"}\nimage: x")
        var p = Project(name: "q")
        p.services["s"] = s
        let back = try ModelFixture.roundTrip(p)
        #expect(back.services["s"]?.environment == s.environment)
    }

    @Test func fullExampleRoundTrip() throws {
        let path = SharedData.root + "/conformance/compose-go/loader/full-example.yml"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("missing fixture \(path)")
            return
        }
        let interpolated = text.replacingOccurrences(of: "${COMPOSE_PROJECT_NAME}", with: "full_example_project_name")
        let p = try ProjectDecoder.decode(ModelFixture.parse(interpolated, file: path), name: "full_example_project_name", workingDir: "/work")
        let foo = try #require(p.services["foo"])
        #expect(foo.ports.count == 1 + 5 + 1 + 2 + 1 + 1 + 11)
        #expect(foo.command == ["bundle", "exec", "thin", "-p", "3000"])
        #expect(foo.secrets.last?.mode == 0o440)
        #expect(foo.healthcheck?.test == ["CMD-SHELL", "echo \"hello world\""])
        #expect(foo.volumes.count == 8)
        #expect(foo.deploy?.resources?.limits?.memory == ByteSize(bytes: 50 << 20))
        #expect(foo.extensions.keys.elementsEqual(["x-bar", "x-foo"]))
        #expect(p.networks["other-external-network"]?.name == "my-cool-network")
        #expect(p.services["bar"]?.build?.dockerfileInline?.hasPrefix("FROM alpine") == true)
        #expect(try ModelFixture.roundTrip(p) == p)
    }
}

/// Every compose-go fixture without variables decodes and survives an encode/decode round-trip.
@Suite struct FixtureRoundTripTests {
    static let root = SharedData.root + "/conformance/compose-go/"

    static var fixtures: [String] {
        guard let index = try? String(contentsOfFile: root + "index.tsv", encoding: .utf8) else { return [] }
        return index.split(separator: "\n").compactMap { line -> String? in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cols.count >= 2, cols[1] != "error", cols[0].hasSuffix(".yaml") || cols[0].hasSuffix(".yml") else { return nil }
            let path = String(cols[0])
            guard let text = try? String(contentsOfFile: root + path, encoding: .utf8),
                  !text.contains("$"), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return path
        }
    }

    @Test func fixturesExist() {
        #expect(Self.fixtures.count >= 20)
    }

    @Test(arguments: fixtures)
    func roundTrip(_ path: String) throws {
        let text = try String(contentsOfFile: Self.root + path, encoding: .utf8)
        let p = try ProjectDecoder.decode(ModelFixture.parse(text, file: path), name: "fixture", workingDir: "/work")
        #expect(try ModelFixture.roundTrip(p) == p)
    }
}

@Suite struct JSONEncodingTests {
    @Test func prettyJSON() throws {
        let p = try ModelFixture.project("""
        services:
          web:
            image: "nginx"
            command: [echo, "a\\"b\\n"]
            env_file: [a.env, {path: b.env, required: false}]
            environment: {X: null}
            cpus: 1.5
            x-n: 3
        """, name: "j")
        let expected = """
        {
          "name": "j",
          "services": {
            "web": {
              "command": [
                "echo",
                "a\\"b\\n"
              ],
              "cpus": 1.5,
              "env_file": [
                "a.env",
                {
                  "path": "b.env",
                  "required": false
                }
              ],
              "environment": {
                "X": null
              },
              "image": "nginx",
              "x-n": 3
            }
          }
        }
        """
        #expect(try ProjectEncoder.json(p) == expected)
    }

    @Test func longFormPortProtocolIsChecked() {
        let e = ModelFixture.error("services:\n  s:\n    ports:\n      - {target: 80, protocol: icmp}\n")
        #expect(e?.message == "invalid port protocol \"icmp\"")
        #expect(e?.keyPath == "services.s.ports[0]")
    }
}
