import ComposeLoader
import ComposeModel
import Foundation
import Testing

@Suite struct ProjectLoaderTests {
    /// Loads `files` (relative to a scratch dir holding `tree`) from `cwd` (relative too).
    func withTree<T>(_ tree: [String: String], _ body: (String) throws -> T) throws -> T {
        let dir = try Conformance.scratch(tree)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try body(dir)
    }

    func load(_ dir: String, cwd: String? = nil, files: [String] = [], env: [String: String] = [:],
              _ configure: (inout LoadOptions) -> Void = { _ in }) throws(ComposeError) -> Project {
        var o = LoadOptions(workingDirectory: cwd ?? dir, environment: env)
        o.files = files
        configure(&o)
        return try ProjectLoader.load(o)
    }

    func failure(_ dir: String, cwd: String? = nil, files: [String] = [], env: [String: String] = [:],
                 _ configure: (inout LoadOptions) -> Void = { _ in }) -> ComposeError? {
        do {
            _ = try load(dir, cwd: cwd, files: files, env: env, configure)
            return nil
        } catch {
            return error
        }
    }

    // MARK: files

    @Test func discoveryWalksUpAndAddsOverride() throws {
        try withTree([
            "proj/compose.yaml": "services:\n  web:\n    image: nginx\n",
            "proj/compose.override.yaml": "services:\n  web:\n    image: nginx:2\n",
            "proj/sub/deeper/.keep": "",
        ]) { (dir: String) throws in
            let p = try load(dir, cwd: dir + "/proj/sub/deeper")
            #expect(p.name == "proj")
            #expect(p.workingDir == dir + "/proj")
            #expect(p.composeFiles == [dir + "/proj/compose.yaml", dir + "/proj/compose.override.yaml"])
            #expect(p.services["web"]?.image == "nginx:2")
        }
    }

    @Test func discoveryPrefersComposeYamlAndFailsClearly() throws {
        try withTree([
            "a/compose.yaml": "services:\n  one:\n    image: x\n",
            "a/docker-compose.yml": "services:\n  two:\n    image: x\n",
            "empty/.keep": "",
        ]) { (dir: String) throws in
            #expect(try load(dir, cwd: dir + "/a").services.keys.elementsEqual(["one"]))
            let e = failure(dir, cwd: dir + "/empty") { $0.environment = [:] }
            // The scratch dir lives in /tmp, whose parents hold no compose file.
            #expect(e?.message.hasPrefix("no configuration file provided") == true)
        }
    }

    @Test func composeFileVariableWithSeparator() throws {
        try withTree([
            "base.yaml": "services:\n  web:\n    image: a\n",
            "more.yaml": "services:\n  web:\n    image: b\n  db:\n    image: c\n",
        ]) { (dir: String) throws in
            let p = try load(dir, env: ["COMPOSE_FILE": "base.yaml;more.yaml", "COMPOSE_PATH_SEPARATOR": ";"])
            #expect(p.services["web"]?.image == "b")
            #expect(p.services.keys.elementsEqual(["web", "db"]))
            let q = try load(dir, env: ["COMPOSE_FILE": "base.yaml:more.yaml"])
            #expect(q.composeFiles == [dir + "/base.yaml", dir + "/more.yaml"])
        }
    }

    @Test func stdinFile() throws {
        try withTree([".keep": ""]) { (dir: String) throws in
            let p = try load(dir, files: ["-"]) {
                $0.stdin = { "services:\n  web:\n    image: from-stdin\n" }
            }
            #expect(p.services["web"]?.image == "from-stdin")
            #expect(p.name == ProjectName.normalize((dir as NSString).lastPathComponent))
        }
    }

    @Test func missingFileIsAnError() throws {
        try withTree([".keep": ""]) { (dir: String) throws in
            let e = failure(dir, files: ["nope.yaml"])
            #expect(e?.message == "no such file: \(dir)/nope.yaml")
        }
    }

    // MARK: names and environment

    @Test func namePrecedence() throws {
        try withTree([
            "My Proj/compose.yaml": "name: from-file\nservices:\n  web:\n    image: x\n",
            "Other Dir/compose.yaml": "services:\n  web:\n    image: x\n",
        ]) { (dir: String) throws in
            let d = dir + "/My Proj"
            #expect(try load(d).name == "from-file")
            #expect(try load(d, env: ["COMPOSE_PROJECT_NAME": "from-env"]).name == "from-env")
            #expect(try load(d, env: ["COMPOSE_PROJECT_NAME": "from-env"]) { $0.projectName = "from-flag" }.name == "from-flag")
            #expect(try load(dir + "/Other Dir").name == "otherdir")
        }
    }

    @Test func osEnvironmentWinsOverDotEnv() throws {
        try withTree([
            "compose.yaml": "services:\n  web:\n    image: \"nginx:${TAG}\"\n    environment:\n      - LEVEL=${LEVEL:-none}\n",
            ".env": "TAG=1.0\nLEVEL=debug\n",
            "other.env": "TAG=2.0\n",
            "third.env": "TAG=3.0\n",
        ]) { (dir: String) throws in
            let p = try load(dir)
            #expect(p.services["web"]?.image == "nginx:1.0")
            #expect(p.services["web"]?.environment["LEVEL"] == .some("debug"))
            #expect(try load(dir, env: ["TAG": "os"]).services["web"]?.image == "nginx:os")
            let q = try load(dir) { $0.envFiles = ["other.env", "third.env"] }
            #expect(q.services["web"]?.image == "nginx:3.0")
            #expect(q.services["web"]?.environment["LEVEL"] == .some("none"))
            let e = failure(dir) { $0.envFiles = ["missing.env"] }
            #expect(e?.message.contains("missing.env") == true)
        }
    }

    @Test func dotEnvSetsProfilesAndFile() throws {
        try withTree([
            "app.yaml": "services:\n  web:\n    image: x\n  debug:\n    image: y\n    profiles: [dev]\n",
            ".env": "COMPOSE_FILE=app.yaml\nCOMPOSE_PROFILES=dev\n",
        ]) { (dir: String) throws in
            let p = try load(dir)
            #expect(p.services.keys.elementsEqual(["web", "debug"]))
        }
    }

    // MARK: profiles

    @Test func profiles() throws {
        let file = """
        services:
          foo: { image: foo }
          bar: { image: bar, profiles: [test] }
          baz: { image: baz, profiles: [test], depends_on: [bar] }
          zot: { image: zot, profiles: [debug], depends_on: [bar] }
        """
        try withTree(["compose.yaml": file]) { (dir: String) throws in
            let none = try load(dir)
            #expect(Array(none.services.keys) == ["foo"])
            #expect(Set(none.disabledServices.keys) == ["bar", "baz", "zot"])
            #expect(Array(try load(dir) { $0.profiles = ["test"] }.services.keys) == ["foo", "bar", "baz"])
            #expect(try load(dir) { $0.profiles = ["*"] }.services.count == 4)
            #expect(try load(dir, env: ["COMPOSE_PROFILES": "test,debug"]).services.count == 4)
            let debugOnly = failure(dir) { $0.profiles = ["debug"] }
            #expect(debugOnly?.message == "service \"zot\" depends on service \"bar\", which is disabled by its profiles")
            #expect(debugOnly?.mark?.line == 5)
            // A targeted service enables its profiles, which pulls in its dependencies.
            #expect(Array(try load(dir) { $0.services = ["baz"] }.services.keys) == ["foo", "bar", "baz"])
            #expect(failure(dir) { $0.services = ["zot"] } != nil)
            #expect(try load(dir) { $0.services = ["zot"]; $0.profiles = ["test"] }.services.count == 4)
        }
    }

    // MARK: include / extends

    @Test func includeBringsServicesWithTheirOwnDirectory() throws {
        try withTree([
            "compose.yaml": "include:\n  - lib/db.yaml\nservices:\n  web:\n    image: web\n    depends_on: [db]\n",
            "lib/db.yaml": "services:\n  db:\n    build: ./ctx\n    env_file: db.env\n    image: db\n    environment:\n      PASSWORD: ${SECRET:-dflt}\n",
            "lib/db.env": "USER=admin\n",
            "lib/.env": "SECRET=from-lib-env\n",
        ]) { (dir: String) throws in
            let p = try load(dir)
            let db = try #require(p.services["db"])
            #expect(db.build?.context == dir + "/lib/ctx")
            #expect(db.environment["PASSWORD"] == .some("from-lib-env"))  // the included project's .env
            #expect(db.environment["USER"] == .some("admin"))  // env_file relative to lib/
            #expect(p.services.keys.elementsEqual(["db", "web"]))
        }
    }

    @Test func includeConflictIsAnError() throws {
        try withTree([
            "compose.yaml": "include:\n  - other.yaml\nservices:\n  db:\n    image: mine\n",
            "other.yaml": "services:\n  db:\n    image: theirs\n",
        ]) { (dir: String) throws in
            let e = failure(dir)
            #expect(e?.message == "services.db conflicts with imported resource")
            #expect(e?.mark?.line == 4)
        }
    }

    @Test func extendsSameFileAndRecursive() throws {
        try withTree([
            "compose.yaml": """
            services:
              base: { image: base, environment: { A: "1" }, labels: [x=1] }
              mid: { extends: base, environment: { B: "2" } }
              top: { extends: { service: mid }, environment: { A: "3" } }
            """,
        ]) { (dir: String) throws in
            let p = try load(dir)
            let top = try #require(p.services["top"])
            #expect(top.image == "base")
            #expect(top.environment["A"] == .some("3"))
            #expect(top.environment["B"] == .some("2"))
            #expect(top.extends == nil)
        }
    }

    @Test func extendsCycleAndMissing() throws {
        try withTree([
            "compose.yaml": "services:\n  a: { extends: b, image: x }\n  b: { extends: a }\n",
            "missing.yaml": "services:\n  a: { extends: nothere }\n",
        ]) { (dir: String) throws in
            let e = failure(dir)
            #expect(e?.message.contains("Circular reference") == true)
            let m = failure(dir, files: ["missing.yaml"])
            #expect(m?.message.hasPrefix("cannot extend service \"nothere\"") == true)
        }
    }

    // MARK: normalisation

    @Test func relativePathsAndEnvFiles() throws {
        try withTree([
            "app/compose.yaml": """
            services:
              web:
                build: .
                image: web
                env_file:
                  - web.env
                  - path: optional.env
                    required: false
                environment:
                  FROM_FILE: explicit
                  BARE:
                volumes:
                  - ./data:/data
                  - ../shared:/shared:ro
                  - ~/cache:/cache
                  - named:/named
                  - type: bind
                    source: conf
                    target: /conf
                label_file: web.labels
                labels: { keep: "yes" }
                secrets: [token]
            volumes:
              named: {}
            secrets:
              token:
                file: ./token.txt
            """,
            "app/web.env": "FROM_FILE=file\nONLY_FILE=1\n",
            "app/web.labels": "com.example.a=1\nkeep=no\n",
        ]) { (dir: String) throws in
            let app = dir + "/app"
            let p = try load(app, env: ["HOME": "/home/me", "BARE": "from-os"])
            let web = try #require(p.services["web"])
            #expect(web.build?.context == app)
            #expect(web.build?.dockerfile == "Dockerfile")
            #expect(web.environment["FROM_FILE"] == .some("explicit"))
            #expect(web.environment["ONLY_FILE"] == .some("1"))
            #expect(web.environment["BARE"] == .some("from-os"))
            #expect(web.envFiles.isEmpty)
            #expect(web.labels["com.example.a"] == "1")
            #expect(web.labels["keep"] == "yes")
            let sources = web.volumes.map { $0.source ?? "" }
            #expect(sources == [app + "/data", dir + "/shared", "/home/me/cache", "named", app + "/conf"])
            #expect(p.secrets["token"]?.file == app + "/token.txt")
            let missing = failure(app) { $0.files = ["compose.yaml"]; $0.environment = [:]; $0.workingDirectory = app }
            #expect(missing == nil)
        }
    }

    @Test func requiredEnvFileMissing() throws {
        try withTree(["compose.yaml": "services:\n  web:\n    image: x\n    env_file: nope.env\n"]) { (dir: String) throws in
            let e = failure(dir)
            #expect(e?.message == "env file \(dir)/nope.env not found")
        }
    }

    @Test func implicitDependenciesAndDefaultNetwork() throws {
        try withTree([
            "compose.yaml": """
            services:
              db: { image: db }
              data: { image: data }
              web:
                image: web
                links: ["db:database"]
                volumes_from: [data]
              sidecar:
                image: s
                network_mode: "service:web"
            """,
        ]) { (dir: String) throws in
            let p = try load(dir)
            #expect(Array(p.services["web"]?.dependsOn.keys ?? []) == ["db", "data"])
            #expect(p.services["web"]?.dependsOn["db"]?.condition == .serviceStarted)
            #expect(p.services["sidecar"]?.dependsOn["web"] != nil)
            #expect(p.services["web"]?.networks.keys.contains("default") == true)
            #expect(p.services["sidecar"]?.networks.isEmpty == true)
            #expect(p.networks["default"]?.name == "\(p.name)_default")
        }
    }

    // MARK: errors with positions

    @Test func consistencyErrorsPointAtTheLine() throws {
        let cases: [(String, String, Int)] = [
            ("services:\n  web:\n    image: x\n    depends_on: [zot]\n", "service \"web\" depends on undefined service \"zot\"", 4),
            ("services:\n  web:\n    image: x\n    networks: [front]\n", "service \"web\" refers to undefined network \"front\"", 4),
            ("services:\n  web:\n    image: x\n    volumes: [\"data:/data\"]\n", "service \"web\" refers to undefined volume \"data\"", 4),
            ("services:\n  web:\n    image: x\n    secrets: [s]\n", "service \"web\" refers to undefined secret \"s\"", 4),
            ("services:\n  web:\n    image: x\n    container_name: cc\n    scale: 2\n",
             "container_name \"cc\" cannot be used with 2 replicas, as container names must be unique", 4),
            ("services:\n  web:\n    image: x\n    volumes:\n      - /a:/data\n      - /b:/data\n",
             "duplicate mount target \"/data\" (also used by volumes[0])", 6),
        ]
        for (text, message, line) in cases {
            try withTree(["compose.yaml": text]) { (dir: String) throws in
                let e = try #require(failure(dir), "\(message)")
                #expect(e.message == message)
                #expect(e.mark?.line == line, "\(message)")
                #expect(e.mark?.file == "compose.yaml")
                #expect(e.keyPath == "services.web")
            }
        }
    }

    @Test func schemaAndYamlErrorsCarryFileLineColumn() throws {
        try withTree([
            "compose.yaml": "services:\n  web:\n    image: x\n",
            "bad.yaml": "services:\n  web:\n    imagee: nginx\n",
            "broken.yaml": "services:\n  web: [\n",
            "over.yaml": "services:\n  web:\n    ports:\n      - target: 80\n        publishd: 8080\n",
        ]) { (dir: String) throws in
            let e = try #require(failure(dir, files: ["bad.yaml"]))
            #expect(e.description.hasPrefix("bad.yaml:3:5: services.web: additional property \"imagee\" is not allowed"))
            let y = try #require(failure(dir, files: ["broken.yaml"]))
            #expect(y.mark?.file == "broken.yaml")
            // A mistake in an override file points into that file.
            let o = try #require(failure(dir, files: ["compose.yaml", "over.yaml"]))
            #expect(o.mark == .init(file: "over.yaml", line: 5, column: 9))
            #expect(o.keyPath == "services.web.ports[0]")
        }
    }

    @Test func manyServicesKeepOrderAndPositions() throws {
        let names = (0..<200).map { "s\($0)" }
        let body = names.map { "  \($0):\n    image: img\n" }.joined()
        try withTree(["compose.yaml": "services:\n" + body, "bad.yaml": "services:\n" + body + "  last:\n    image: x\n    ports: [\"notaport\"]\n"]) { (dir: String) throws in
            let p = try load(dir)
            #expect(Array(p.services.keys) == names)
            #expect(p.networks["default"] != nil)
            let e = try #require(failure(dir, files: ["bad.yaml"]))
            #expect(e.mark?.line == 2 + 2 * 200 + 2)
            #expect(e.keyPath?.hasPrefix("services.last.ports") == true)
        }
    }

    // MARK: config round trip

    @Test func configOutputLoadsToTheSameOutput() throws {
        try withTree([
            "compose.yaml": """
            x-common: &common
              restart: unless-stopped
              labels: { team: core }
            services:
              web:
                <<: *common
                image: "nginx:${TAG:-1}"
                build: { context: ., args: { A: "1" } }
                ports: ["8080:80", "127.0.0.1:9090:90/udp"]
                environment: [A=1, B=two]
                volumes: ["./html:/usr/share/nginx/html:ro", "cache:/cache"]
                depends_on: { db: { condition: service_healthy } }
                healthcheck: { test: ["CMD", "true"], interval: 10s }
                deploy: { replicas: 2, resources: { limits: { memory: 256m } } }
                networks: [front, default]
              db:
                <<: *common
                image: postgres
                command: postgres -c fsync=off
                healthcheck: { test: "pg_isready", interval: 1m30s }
            networks:
              front: { driver: bridge }
            volumes:
              cache: {}
            """,
        ]) { (dir: String) throws in
            let first = try load(dir)
            let yaml = try ProjectEncoder.yaml(first)
            try yaml.write(toFile: dir + "/out.yaml", atomically: true, encoding: .utf8)
            let second = try load(dir, files: ["out.yaml"])
            #expect(try ProjectEncoder.yaml(second) == yaml)
            #expect(second.services == first.services)
            let json = try ProjectEncoder.json(first)
            try json.write(toFile: dir + "/out.json", atomically: true, encoding: .utf8)
            #expect(try ProjectEncoder.yaml(try load(dir, files: ["out.json"])) == yaml)
        }
    }

    @Test func configHashIgnoresScaleAndDependencies() throws {
        var a = Service(name: "web")
        a.image = "nginx"
        var b = a
        b.scale = 3
        b.dependsOn["db"] = ServiceDependency()
        b.profiles = ["x"]
        b.pullPolicy = "always"
        #expect(ConfigHash.compute(a) == ConfigHash.compute(b))
        #expect(ConfigHash.compute(a).count == 64)
        var c = a
        c.image = "nginx:2"
        #expect(ConfigHash.compute(a) != ConfigHash.compute(c))
        // Labels written by earlier versions stay equal: two lowercase digits per byte.
        #expect(ConfigHash.compute(a).allSatisfy { "0123456789abcdef".contains($0) })
        #expect([0x00, 0x0f, 0xa5, 0xff].lowercaseHex == "000fa5ff")
    }
}
