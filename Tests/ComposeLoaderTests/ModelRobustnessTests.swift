import ComposeLoader
import ComposeModel
import Foundation
import Testing

/// Every service key given values of every shape: decoding either succeeds or fails with a
/// positioned error under that key; it never traps.
@Suite struct ModelRobustnessTests {
    static var serviceKeys: [String] {
        let path = SharedData.root + "/reference/compose-spec/schema/compose-spec.json"
        guard let data = FileManager.default.contents(atPath: path),
              let schema = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let defs = schema["definitions"] as? [String: Any],
              let service = defs["service"] as? [String: Any],
              let props = service["properties"] as? [String: Any] else { return [] }
        return props.keys.sorted()
    }

    /// (document prefix up to the key's indentation, key path prefix, keys) for nested objects.
    static var nestedCases: [(String, String, String)] {
        let path = SharedData.root + "/reference/compose-spec/schema/compose-spec.json"
        guard let data = FileManager.default.contents(atPath: path),
              let schema = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let defs = schema["definitions"] as? [String: Any] else { return [] }
        func keys(_ def: Any?) -> [String] {
            ((def as? [String: Any])?["properties"] as? [String: Any])?.keys.sorted() ?? []
        }
        let service = (defs["service"] as? [String: Any])?["properties"] as? [String: Any]
        let build = ((service?["build"] as? [String: Any])?["oneOf"] as? [Any])?.last
        var cases: [(String, String, String)] = []
        let groups: [(String, String, [String])] = [
            ("services:\n  s:\n    build:\n      ", "services.s.build", keys(build)),
            ("services:\n  s:\n    deploy:\n      ", "services.s.deploy", keys(defs["deployment"])),
            ("services:\n  s:\n    healthcheck:\n      ", "services.s.healthcheck", keys(defs["healthcheck"])),
            ("networks:\n  n:\n    ", "networks.n", keys(defs["network"])),
            ("volumes:\n  v:\n    ", "volumes.v", keys(defs["volume"])),
            ("secrets:\n  x:\n    ", "secrets.x", keys(defs["secret"])),
            ("configs:\n  x:\n    ", "configs.x", keys(defs["config"])),
        ]
        for (prefix, path, ks) in groups {
            for k in ks { cases.append((prefix, path, k)) }
        }
        return cases
    }

    static let values = ["x", "'8080'", "[1, \"a=b\", x]", "{a: b, c: 1}", "~", "-1", "99999999999999999999", "''", "[{}]", "{a: [1]}", "true", "1.5"]

    @Test func schemaKeysFound() {
        #expect(Self.serviceKeys.count > 80)
        #expect(Self.nestedCases.count > 60)
    }

    @Test(arguments: nestedCases)
    func nestedAnyShapeIsHandled(_ prefix: String, _ path: String, _ key: String) {
        for value in Self.values {
            do {
                _ = try ModelFixture.project(prefix + "\(key): \(value)\n")
            } catch let e as ComposeError {
                #expect(e.mark != nil, "\(path).\(key): \(value): \(e)")
                #expect(e.keyPath?.hasPrefix(path) == true, "\(path).\(key): \(value): \(e)")
            } catch {
                Issue.record("\(path).\(key): \(value): not a ComposeError: \(error)")
            }
        }
    }

    @Test(arguments: serviceKeys)
    func anyShapeIsHandled(_ key: String) {
        for value in Self.values {
            let text = "services:\n  s:\n    \(key): \(value)\n"
            do {
                _ = try ModelFixture.project(text)
            } catch let e as ComposeError {
                #expect(e.mark != nil, "\(key): \(value): \(e)")
                #expect(e.keyPath?.hasPrefix("services.s.\(key)") == true || e.keyPath == "services.s", "\(key): \(value): \(e)")
            } catch {
                Issue.record("\(key): \(value): not a ComposeError: \(error)")
            }
        }
    }
}
