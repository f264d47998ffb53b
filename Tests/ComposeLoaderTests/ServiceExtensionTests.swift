import ComposeLoader
import ComposeModel
import Foundation
import Testing

/// `x-autoscale` and `x-supervise`: checked at load time with positions, decoded with defaults.
@Suite struct ServiceExtensionTests {
    func withFile<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
        let dir = try Conformance.scratch(["compose.yaml": text])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try body(dir)
    }

    func load(_ text: String, interpolate: Bool = true) throws -> Project {
        try withFile(text) { (dir: String) throws in
            var o = LoadOptions(workingDirectory: dir, environment: ["MAX": "6"])
            o.interpolate = interpolate
            return try ProjectLoader.load(o)
        }
    }

    func failure(_ text: String) throws -> ComposeError? {
        do {
            _ = try load(text)
            return nil
        } catch let e as ComposeError {
            return e
        }
    }

    @Test func validFileDecodesWithDefaults() throws {
        let p = try load("""
        services:
          web:
            image: x
            x-autoscale:
              max: 5
              cpu: 70
            x-supervise:
              heal: false
          api:
            image: x
            x-autoscale: { min: 0, max: "${MAX}", connections: 100.5, connection_rate: 40, interval: 5s,
                           scale_down_stabilization: 1m, tolerance: 0.2 }
            x-supervise: { max_delay: 30s, reset_after: 0 }
          db:
            image: x
        """)
        let web = try #require(p.services["web"])
        #expect(web.autoscale == AutoscalePolicy(min: 1, max: 5, cpu: 70, connections: nil,
                                                 interval: ComposeDuration(seconds: 15),
                                                 scaleDownStabilization: ComposeDuration(seconds: 300), tolerance: 0.1))
        #expect(web.supervise == SupervisePolicy(heal: false, maxDelay: ComposeDuration(seconds: 60),
                                                 resetAfter: ComposeDuration(seconds: 10)))
        let api = try #require(p.services["api"])
        #expect(api.autoscale == AutoscalePolicy(min: 0, max: 6, cpu: nil, connections: 100.5, connectionRate: 40,
                                                 interval: ComposeDuration(seconds: 5),
                                                 scaleDownStabilization: ComposeDuration(seconds: 60), tolerance: 0.2))
        #expect(api.supervise == SupervisePolicy(heal: true, maxDelay: ComposeDuration(seconds: 30),
                                                 resetAfter: ComposeDuration(seconds: 0)))
        let db = try #require(p.services["db"])
        #expect(db.autoscale == nil)
        #expect(db.supervise == SupervisePolicy())
    }

    @Test func badValuesPointAtTheirLine() throws {
        // (body of x-autoscale / x-supervise lines, message, key path, line, column, hint)
        let cases: [(String, String, String, Int, Int, String?)] = [
            ("    x-autoscale:\n      max: 0\n      min: 2\n      cpu: 50\n",
             "must be >= min (2)", "services.web.x-autoscale.max", 5, 12, nil),
            ("    x-autoscale:\n      max: 3\n      cpu: 50\n      mx: 4\n",
             "additional property \"mx\" is not allowed", "services.web.x-autoscale", 7, 7, "did you mean max?"),
            ("    x-autoscale:\n      cpu: 50\n",
             "\"max\" is required", "services.web.x-autoscale", 4, 5, "set the largest number of replicas, e.g. max: 5"),
            ("    x-autoscale:\n      max: 3\n",
             "needs a target: \"cpu\", \"connections\" or \"connection_rate\"", "services.web.x-autoscale", 4, 5,
             "e.g. cpu: 70 (percent of one core per replica)"),
            ("    x-autoscale:\n      max: 3\n      cpu: 0\n",
             "must be > 0", "services.web.x-autoscale.cpu", 6, 12, nil),
            ("    x-autoscale:\n      max: 3\n      connections: lots\n",
             "must be a number", "services.web.x-autoscale.connections", 6, 20, nil),
            ("    x-autoscale:\n      max: 2.5\n      cpu: 50\n",
             "must be an integer", "services.web.x-autoscale.max", 5, 12, nil),
            ("    x-autoscale:\n      max: 3\n      min: -1\n      cpu: 50\n",
             "must be >= 0", "services.web.x-autoscale.min", 6, 12, nil),
            ("    x-autoscale:\n      max: 3\n      cpu: 50\n      tolerance: 1.5\n",
             "must be between 0 and 1", "services.web.x-autoscale.tolerance", 7, 18, nil),
            ("    x-autoscale:\n      max: 3\n      cpu: 50\n      interval: 10\n",
             "invalid duration \"10\"", "services.web.x-autoscale.interval", 7, 17,
             "use a number with a unit, e.g. 10s, 1m30s, 500ms, 2h"),
            ("    x-autoscale:\n      max: 3\n      cpu: 50\n      interval: 0s\n",
             "must be > 0", "services.web.x-autoscale.interval", 7, 17, nil),
            ("    x-autoscale: [1, 2]\n",
             "must be a mapping", "services.web.x-autoscale", 4, 5, nil),
            ("    x-supervise:\n      heal: sometimes\n",
             "must be a boolean", "services.web.x-supervise.heal", 5, 13, nil),
            ("    x-supervise:\n      max_delay: soon\n",
             "invalid duration \"soon\"", "services.web.x-supervise.max_delay", 5, 18,
             "use a number with a unit, e.g. 10s, 1m30s, 500ms, 2h"),
            ("    x-supervise:\n      reset_afte: 5s\n",
             "additional property \"reset_afte\" is not allowed", "services.web.x-supervise", 5, 7, "did you mean reset_after?"),
            ("    x-supervise:\n      reset_after: -1s\n",
             "must be >= 0", "services.web.x-supervise.reset_after", 5, 20, nil),
        ]
        for (body, message, path, line, column, hint) in cases {
            let e = try #require(try failure("services:\n  web:\n    image: x\n" + body), "\(message)")
            #expect(e.message == message, "\(body)")
            #expect(e.keyPath == path, "\(body)")
            #expect(e.mark == .init(file: "compose.yaml", line: line, column: column), "\(body)")
            #expect(e.hint == hint, "\(body)")
            #expect(e.description.hasPrefix("compose.yaml:\(line):\(column): \(path): \(message)"))
        }
    }

    @Test func uninterpolatedVariablesAreNotChecked() throws {
        let p = try load("services:\n  web:\n    image: x\n    x-autoscale: { max: \"${MAX}\", cpu: 50 }\n", interpolate: false)
        #expect(p.services["web"] != nil)
    }

    @Test func configKeepsTheExtensionsAsWritten() throws {
        let p = try load("""
        services:
          web:
            image: x
            x-autoscale: { max: 5, cpu: 70, interval: 30s }
            x-supervise: { heal: false }
        """)
        let yaml = try ProjectEncoder.yaml(p)
        #expect(yaml.contains("x-autoscale:\n      max: 5\n      cpu: 70\n      interval: 30s\n"), "\(yaml)")
        #expect(yaml.contains("x-supervise:\n      heal: false\n"), "\(yaml)")
    }

    @Test func decodingWithoutTheLoader() throws {
        // Strings that cast, as interpolation leaves them.
        let p = try AutoscalePolicy(decoding: .object(["max": .string("4"), "cpu": .string("80"), "tolerance": .number(0)]))
        #expect(p == AutoscalePolicy(max: 4, cpu: 80, tolerance: 0))
        #expect(try SupervisePolicy(decoding: .null) == SupervisePolicy())
        #expect(try SupervisePolicy(decoding: .object(["heal": .string("no")])).heal == false)
        #expect(throws: PolicyError(key: "max", "must be >= min (1)", hint: "min defaults to 1")) {
            try AutoscalePolicy(decoding: .object(["max": .number(0), "cpu": .number(10)]))
        }
        var s = Service(name: "s")
        s.extensions["x-autoscale"] = .string("bad")
        #expect(s.autoscale == nil)
        #expect(s.supervise == SupervisePolicy())
    }
}
