import ComposeLoader
import Testing
import YAML

@Suite struct SchemaValidatorTests {
    func check(_ text: String, allowVariables: Bool = false) throws -> ComposeError? {
        let node = try #require(try YAMLParser().parse(text, file: "compose.yaml"))
        do {
            try SchemaValidator(allowVariables: allowVariables).validate(node)
            return nil
        } catch {
            return error
        }
    }

    @Test func validFilePasses() throws {
        let e = try check("""
        services:
          web:
            image: nginx
            ports: ["8080:80", 443]
            environment: { A: 1, B: true, C: null }
            deploy: { replicas: 2, resources: { limits: { cpus: "0.5" } } }
            healthcheck: { test: ["CMD", "true"], interval: 10s, retries: 3 }
            x-custom: anything
        networks:
          front: {}
        x-anchors: &a { image: x }
        """)
        #expect(e == nil)
    }

    @Test func unknownKeyWithPositionAndHint() throws {
        let e = try #require(try check("services:\n  web:\n    imagee: nginx\n"))
        #expect(e.description.hasPrefix("compose.yaml:3:5: services.web: additional property \"imagee\" is not allowed"))
        #expect(e.hint == "did you mean image?")
        #expect(e.mark?.line == 3 && e.mark?.column == 5)
        #expect(e.keyPath == "services.web")
    }

    @Test func unknownTopLevelKey() throws {
        let e = try #require(try check("services: {}\nservice:\n  web: {}\n"))
        #expect(e.message == "additional property \"service\" is not allowed")
        #expect(e.hint == "did you mean services?")
        #expect(e.mark?.line == 2)
    }

    @Test func wrongTypes() throws {
        let e = try #require(try check("services:\n  web:\n    image: nginx\n    use_api_socket: maybe\n"))
        #expect(e.keyPath == "services.web.use_api_socket")
        #expect(e.message == "must be a boolean")
        #expect(e.mark?.line == 4 && e.mark?.column == 21)
        let list = try #require(try check("services:\n  web:\n    cap_add: NET_ADMIN\n"))
        #expect(list.keyPath == "services.web.cap_add")
        #expect(list.message == "must be a list")
    }

    @Test func stringsThatCastAreAccepted() throws {
        #expect(try check("services:\n  web:\n    image: x\n    use_api_socket: \"true\"\n    cpu_shares: \"512\"\n") == nil)
        let e = try #require(try check("services:\n  web:\n    image: x\n    use_api_socket: \"lots\"\n"))
        #expect(e.keyPath == "services.web.use_api_socket")
    }

    @Test func enumAndPattern() throws {
        let e = try #require(try check("services:\n  web:\n    image: x\n    depends_on:\n      db:\n        condition: service_done\n"))
        #expect(e.keyPath == "services.web.depends_on.db.condition")
        #expect(e.message.hasPrefix("must be one of"))
        let name = try #require(try check("services:\n  \"bad name\":\n    image: x\n"))
        #expect(name.message.contains("bad name"))
    }

    @Test func sequenceIndexInPath() throws {
        let e = try #require(try check("services:\n  web:\n    image: x\n    ports:\n      - 80\n      - target: 80\n        publishd: 8080\n"))
        #expect(e.keyPath == "services.web.ports[1]")
        #expect(e.message == "additional property \"publishd\" is not allowed")
        #expect(e.hint == "did you mean published?")
        #expect(e.mark?.line == 7)
    }

    @Test func uniqueItems() throws {
        let e = try #require(try check("services:\n  web:\n    image: x\n    dns: [a, a]\n"))
        #expect(e.message == "contains a duplicate item")
        #expect(e.keyPath == "services.web.dns[1]")
        // Quoting does not make a different item; null and "~" are different; mappings compare whole.
        let quoted = try #require(try check("services:\n  web:\n    image: x\n    dns: [b, a, 'c', \"a\"]\n"))
        #expect(quoted.keyPath == "services.web.dns[3]")
        #expect(try check("services:\n  web:\n    image: x\n    cap_add: [~, '~']\n")?.message != "contains a duplicate item")
        let maps = "services:\n  web:\n    image: x\n    ports: [{target: 80}, {target: 81}, {target: 80}]\n"
        #expect(try #require(try check(maps)).keyPath == "services.web.ports[2]")
    }

    @Test func variablesAllowedBeforeInterpolation() throws {
        let text = "services:\n  web:\n    image: x\n    use_api_socket: ${RO}\n    deploy:\n      replicas: ${N}\n"
        #expect(try check(text, allowVariables: true) == nil)
        #expect(try check(text) != nil)
    }
}
