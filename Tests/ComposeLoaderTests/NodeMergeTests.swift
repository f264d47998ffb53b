import Testing
import YAML
@testable import ComposeLoader

/// Canonical text of a tree, ignoring marks and scalar styles: maps keep their order.
func canonical(_ node: YAMLNode) -> String {
    switch node.kind {
    case .scalar(let v, _): return node.isNull ? "~" : "\"\(v)\""
    case .sequence(let items): return "[" + items.map(canonical).joined(separator: ", ") + "]"
    case .mapping(let entries): return "{" + entries.map { "\($0.key.scalarValue ?? "?"): \(canonical($0.value))" }.joined(separator: ", ") + "}"
    }
}

func parse(_ text: String, file: String = "t.yaml") throws -> YAMLNode {
    try #require(try YAMLParser().parse(text, file: file))
}

@Suite struct NodeMergeTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var base: String
        var override: String
        var expected: String
        var testDescription: String { name }
    }

    /// Service-level cases: `base`/`override`/`expected` are the body of `services.web`.
    static let serviceRules: [Row] = [
        Row(name: "mappings merge", base: "image: a\nuser: root", override: "image: b\nworking_dir: /w",
            expected: "image: b\nuser: root\nworking_dir: /w"),
        Row(name: "sequences append", base: "DNS: [1.1.1.1]", override: "DNS: [8.8.8.8]",
            expected: "DNS: [1.1.1.1, 8.8.8.8]"),
        Row(name: "security_opt appends", base: "security_opt: [a]", override: "security_opt: [b, a]",
            expected: "security_opt: [a, b, a]"),
        Row(name: "command replaced", base: "command: [echo, foo]", override: "command: [echo, bar]",
            expected: "command: [echo, bar]"),
        Row(name: "entrypoint replaced", base: "entrypoint: [sh, -c]", override: "entrypoint: /bin/init",
            expected: "entrypoint: /bin/init"),
        Row(name: "healthcheck test replaced, rest merged", base: "healthcheck: {test: [CMD, a], interval: 5s}",
            override: "healthcheck: {test: [CMD, b]}", expected: "healthcheck: {test: [CMD, b], interval: 5s}"),
        Row(name: "null command empties it", base: "command: run", override: "command:", expected: "command:"),
        Row(name: "null value keeps base", base: "image: a", override: "image:", expected: "image: a"),
        Row(name: "volumes by target", base: "volumes: [foo:/work, /data, 'c:/x:/y']", override: "volumes: ['bar:/work:ro', {type: bind, source: ., target: /data}]",
            expected: "volumes: ['bar:/work:ro', {type: bind, source: ., target: /data}, 'c:/x:/y']"),
        Row(name: "windows volume source", base: "volumes: ['C:\\\\src:/app']", override: "volumes: ['D:\\\\other:/app']",
            expected: "volumes: ['D:\\\\other:/app']"),
        Row(name: "ports by ip, published, target, protocol", base: "ports: ['8080:80', '53:53/udp', '9000']",
            override: "ports: ['8080:80', '127.0.0.1:8080:80', {target: 53, published: 53, protocol: udp, mode: host}, 9000]",
            expected: "ports: ['8080:80', {target: 53, published: 53, protocol: udp, mode: host}, 9000, '127.0.0.1:8080:80']"),
        Row(name: "ipv6 port", base: "ports: ['[::1]:80:80']", override: "ports: ['[::1]:80:80/tcp', '80:80']",
            expected: "ports: ['[::1]:80:80/tcp', '80:80']"),
        Row(name: "secrets by target", base: "secrets: [a, {source: b, target: /etc/b}]", override: "secrets: [{source: x, target: /run/secrets/a}, {source: c, target: /etc/b}]",
            expected: "secrets: [{source: x, target: /run/secrets/a}, {source: c, target: /etc/b}]"),
        Row(name: "configs by target", base: "configs: [a]", override: "configs: [{source: z, target: /a}, b]",
            expected: "configs: [{source: z, target: /a}, b]"),
        Row(name: "environment lists by key", base: "environment: [A=1, B=2, C]", override: "environment: [B=3, D=4, C=5]",
            expected: "environment: [A=1, B=3, C=5, D=4]"),
        Row(name: "environment map and list give a map", base: "environment: {A: '1', B: '2'}", override: "environment: [B=3, C]",
            expected: "environment: {A: '1', B: '3', C: ~}"),
        Row(name: "environment list and map give a map", base: "environment: [A=1, B=2]", override: "environment: {B: x=y}",
            expected: "environment: {A: '1', B: x=y}"),
        Row(name: "environment !reset one key", base: "environment: {FOO: BAR, KEEP: '1'}", override: "environment: {FOO: !reset null}",
            expected: "environment: {KEEP: '1'}"),
        Row(name: "labels by key", base: "labels: [a=1, b=2]", override: "labels: {a: '9'}", expected: "labels: {a: '9', b: '2'}"),
        Row(name: "sysctls by key", base: "sysctls: {net.core.somaxconn: 1024}", override: "sysctls: [net.core.somaxconn=2048, x=1]",
            expected: "sysctls: {net.core.somaxconn: '2048', x: '1'}"),
        Row(name: "build args by key", base: "build: {context: ., args: [A=1]}", override: "build: {args: {A: '2', B: '3'}}",
            expected: "build: {context: ., args: {A: '2', B: '3'}}"),
        Row(name: "build string becomes context", base: "build: ./dir", override: "build: {dockerfile: Other}",
            expected: "build: {context: ./dir, dockerfile: Other}"),
        Row(name: "extra_hosts by host", base: "extra_hosts: ['db:10.0.0.1', 'web=10.0.0.2']", override: "extra_hosts: {db: 10.0.0.9}",
            expected: "extra_hosts: ['web=10.0.0.2', 'db=10.0.0.9']"),
        Row(name: "extra_hosts maps", base: "extra_hosts: {a: 1.1.1.1, b: 2.2.2.2}", override: "extra_hosts: {b: 3.3.3.3}",
            expected: "extra_hosts: {a: 1.1.1.1, b: 3.3.3.3}"),
        Row(name: "dns unique, string form", base: "dns: 8.8.8.8", override: "dns: [1.1.1.1, 8.8.8.8]", expected: "dns: [8.8.8.8, 1.1.1.1]"),
        Row(name: "dns_search unique", base: "dns_search: [a.com]", override: "dns_search: a.com", expected: "dns_search: [a.com]"),
        Row(name: "tmpfs unique by path", base: "tmpfs: [/run, '/tmp:size=1m']", override: "tmpfs: ['/tmp:size=2m']",
            expected: "tmpfs: [/run, '/tmp:size=2m']"),
        Row(name: "cap_add and profiles unique", base: "cap_add: [NET_ADMIN]\nprofiles: [dev]", override: "cap_add: [NET_ADMIN, SYS_TIME]\nprofiles: [dev, ci]",
            expected: "cap_add: [NET_ADMIN, SYS_TIME]\nprofiles: [dev, ci]"),
        Row(name: "expose unique", base: "expose: [80, '443']", override: "expose: ['80', 8080]", expected: "expose: ['80', '443', 8080]"),
        Row(name: "devices by target", base: "devices: ['/dev/a:/dev/x', /dev/b]", override: "devices: ['/dev/c:/dev/x:rwm']",
            expected: "devices: ['/dev/c:/dev/x:rwm', /dev/b]"),
        Row(name: "env_file by path", base: "env_file: [a.env, b.env]", override: "env_file: [{path: a.env, required: false}, c.env]",
            expected: "env_file: [{path: a.env, required: false}, b.env, c.env]"),
        Row(name: "networks list and map by name", base: "networks: [front, back]", override: "networks: {back: {aliases: [db]}, admin: }",
            expected: "networks: {front: ~, back: {aliases: [db]}, admin: ~}"),
        Row(name: "network aliases unique", base: "networks: {n: {aliases: [a, b]}}", override: "networks: {n: {aliases: [b, c]}}",
            expected: "networks: {n: {aliases: [a, b, c]}}"),
        Row(name: "networks lists unique", base: "networks: [a, b]", override: "networks: [b, c]", expected: "networks: [a, b, c]"),
        Row(name: "depends_on list onto map keeps conditions", base: "depends_on: {db: {condition: service_healthy}}", override: "depends_on: [db, cache]",
            expected: "depends_on: {db: {condition: service_healthy}, cache: {condition: service_started, required: 'true'}}"),
        Row(name: "logging same driver merges options", base: "logging: {driver: json-file, options: {max-size: 1m}}",
            override: "logging: {options: {max-file: '3'}}", expected: "logging: {driver: json-file, options: {max-size: 1m, max-file: '3'}}"),
        Row(name: "logging other driver replaces", base: "logging: {driver: json-file, options: {max-size: 1m}}",
            override: "logging: {driver: syslog}", expected: "logging: {driver: syslog}"),
        Row(name: "ulimits replaced per name", base: "ulimits: {nofile: {soft: 1, hard: 2}, nproc: 10}", override: "ulimits: {nofile: 5}",
            expected: "ulimits: {nofile: 5, nproc: 10}"),
        Row(name: "ulimits mappings merge", base: "ulimits: {nofile: {soft: 1, hard: 2}}", override: "ulimits: {nofile: {soft: 3}}",
            expected: "ulimits: {nofile: {soft: 3, hard: 2}}"),
        Row(name: "scalar replaces a sequence", base: "group_add: [a]", override: "group_add: b", expected: "group_add: b"),
        Row(name: "!reset removes the key", base: "image: a\nports: ['8080:80']", override: "ports: !reset []", expected: "image: a"),
        Row(name: "!reset of an absent key", base: "image: a", override: "command: !reset null", expected: "image: a"),
        Row(name: "!override replaces without merging", base: "ports: ['8080:80']\nenvironment: {A: '1'}",
            override: "ports: !override ['8443:443']\nenvironment: !override {B: '2'}", expected: "ports: ['8443:443']\nenvironment: {B: '2'}"),
        Row(name: "x- extensions replaced", base: "x-meta: {a: 1, b: 2}", override: "x-meta: {c: 3}", expected: "x-meta: {c: 3}"),
        Row(name: "scalar replaced by mapping", base: "build: .", override: "build: {context: src}", expected: "build: {context: src}"),
    ]

    @Test(arguments: serviceRules)
    func serviceRule(_ row: Row) throws {
        func doc(_ body: String) throws -> YAMLNode {
            let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            return try parse("services:\n  web:\n" + indented + "\n")
        }
        let merged = try NodeMerge.merge(try doc(row.base), try doc(row.override))
        #expect(canonical(merged) == canonical(try doc(row.expected)))
        // `extends` applies the same rules to one service.
        let web = try NodeMerge.mergeService(base: try #require(try doc(row.base)["services"]?["web"]),
                                             override: try #require(try doc(row.override)["services"]?["web"]))
        #expect(canonical(web) == canonical(try #require(try doc(row.expected)["services"]?["web"])))
    }

    static let topRules: [Row] = [
        Row(name: "services added", base: "services: {a: {image: x}}", override: "services: {b: {image: y}}",
            expected: "services: {a: {image: x}, b: {image: y}}"),
        Row(name: "service reset", base: "services: {a: {image: x}, b: {image: y}}", override: "services: {b: !reset null}",
            expected: "services: {a: {image: x}}"),
        Row(name: "empty service keeps base", base: "services: {a: {image: x}}", override: "services: {a: }",
            expected: "services: {a: {image: x}}"),
        Row(name: "network labels by key", base: "networks: {n: {labels: [a=1]}}", override: "networks: {n: {labels: [a=2, b=3]}}",
            expected: "networks: {n: {labels: [a=2, b=3]}}"),
        Row(name: "ipam config by subnet", base: "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]}}}",
            override: "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/25}, {subnet: 10.1.0.0/24}]}}}",
            expected: "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1, ip_range: 10.0.0.0/25}, {subnet: 10.1.0.0/24}]}}}"),
        Row(name: "volumes driver_opts merge", base: "volumes: {v: {driver_opts: {a: '1'}}}", override: "volumes: {v: {driver_opts: {b: '2'}}}",
            expected: "volumes: {v: {driver_opts: {a: '1', b: '2'}}}"),
        Row(name: "top-level x- replaced", base: "x-common: [a]", override: "x-common: [b]", expected: "x-common: [b]"),
    ]

    @Test(arguments: topRules)
    func topRule(_ row: Row) throws {
        let merged = try NodeMerge.merge(try parse(row.base), try parse(row.override))
        #expect(canonical(merged) == canonical(try parse(row.expected)))
    }

    @Test func composeGoOverridePair() throws {
        let root = SharedData.root + "/conformance/compose-go/cli/testdata/simple"
        let base = try parse(try String(decoding: DotEnv.readFile("\(root)/compose.yaml"), as: UTF8.self), file: "compose.yaml")
        let over = try parse(try String(decoding: DotEnv.readFile("\(root)/compose-with-overrides.yaml"), as: UTF8.self),
                             file: "compose-with-overrides.yaml")
        let merged = try NodeMerge.merge(base, over)
        let image = try #require(merged["services"]?["simple"]?["image"])
        #expect(image.scalarValue == "haproxy")
        #expect(image.mark.file == "compose-with-overrides.yaml")
    }

    @Test func winnersKeepTheirMarks() throws {
        let base = try parse("services:\n  web:\n    image: a\n    user: root\n    ports: ['80:80']\n", file: "base.yaml")
        let over = try parse("services:\n  web:\n    image: b\n    ports: ['80:80', '81:81']\n", file: "over.yaml")
        let web = try #require(try NodeMerge.merge(base, over)["services"]?["web"])
        #expect(web.mark.file == "base.yaml")
        #expect(web["image"]?.mark == Mark(file: "over.yaml", line: 3, column: 12))
        #expect(web["user"]?.mark == Mark(file: "base.yaml", line: 4, column: 11))
        let ports = try #require(web["ports"]?.items)
        #expect(ports.map(\.mark.file) == ["over.yaml", "over.yaml"])
        #expect(web["ports"]?.mark.file == "base.yaml")
    }

    @Test func kindMismatchIsAnErrorAtTheOverride() throws {
        let base = try parse("services:\n  web:\n    deploy: {replicas: 2}\n", file: "base.yaml")
        let over = try parse("services:\n  web:\n    deploy: [x]\n", file: "over.yaml")
        do {
            _ = try NodeMerge.merge(base, over)
            Issue.record("expected an error")
        } catch {
            #expect(error.keyPath == "services.web.deploy")
            #expect(error.mark == Mark(file: "over.yaml", line: 3, column: 13))
            #expect(error.message == "cannot merge a sequence into the mapping at services.web.deploy")
        }
    }

    @Test func mergeServiceNamesTheServiceInErrors() throws {
        let base = try parse("deploy: {replicas: 2}\n")
        let over = try parse("deploy: 3\n")
        #expect(throws: ComposeError.self) { try NodeMerge.mergeService(base: base, override: over) }
        do {
            _ = try NodeMerge.mergeService(base: base, override: over, named: "api")
            Issue.record("expected an error")
        } catch {
            #expect(error.keyPath == "services.api.deploy")
        }
    }

    @Test func extendsWithCommandReset() throws {
        // compose-go loader/testdata/extends/reset.yaml: `command: !reset` on the extending service.
        let doc = try parse("""
        services:
          init:
            image: alpine:latest
            command: "sleep infinity"
          base:
            extends: { service: init }
            command: !reset
        """)
        let merged = try NodeMerge.mergeService(base: try #require(doc["services"]?["init"]),
                                                override: try #require(doc["services"]?["base"]))
        #expect(merged["command"] == nil)
        #expect(merged["image"]?.scalarValue == "alpine:latest")
    }

    @Test func stripMergeTagsDropsResetAndClearsTags() throws {
        let doc = try parse("a: !reset 1\nb: !override [x, !reset y]\nc: {d: !reset {}, e: 1}\n")
        let out = NodeMerge.stripMergeTags(doc)
        #expect(canonical(out) == canonical(try parse("b: [x]\nc: {e: 1}\n")))
        #expect(out["b"]?.tag == nil)
        #expect(NodeMerge.stripMergeTags(try parse("!reset {a: 1}")).entries?.isEmpty == true)
    }

    @Test func resetInBaseFileIsDropped() throws {
        let merged = try NodeMerge.merge(try parse("a: !reset 1\nb: 2\n"), try parse("c: 3\n"))
        #expect(canonical(merged) == canonical(try parse("b: 2\nc: 3\n")))
    }

    @Test func threeFilesInARow() throws {
        var doc = try parse("services: {web: {image: a, environment: [A=1]}}")
        doc = try NodeMerge.merge(doc, try parse("services: {web: {environment: {B: '2'}, ports: ['80:80']}}"))
        doc = try NodeMerge.merge(doc, try parse("services: {web: {environment: [A=3], ports: !reset []}}"))
        #expect(canonical(doc) == canonical(try parse("services: {web: {image: a, environment: {A: '3', B: '2'}}}")))
    }
}

@Suite struct NodeMergeUnicityTests {
    @Test func oneDocumentGetsUniqueEntries() throws {
        let doc = try parse("""
        services:
          web:
            ports: ['80:80', '8080:80', '80:80/tcp']
            environment: [A=1, B=2, A=3]
            volumes: [a:/data, b:/data]
            command: [x, x]
            security_opt: [a, a]
        """)
        let out = NodeMerge.enforceUnicity(doc)
        #expect(canonical(out) == canonical(try parse("""
        services:
          web:
            ports: ['80:80/tcp', '8080:80']
            environment: [A=3, B=2]
            volumes: [b:/data]
            command: [x, x]
            security_opt: [a, a]
        """)))
    }
}
