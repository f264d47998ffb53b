import ComposeLoader
@testable import ComposeModel
import Testing

/// `Service.canonicalJSON()` must give exactly what the encoder gives for `encode(to:)`.
@Suite struct ServiceJSONValueTests {
    @Test func sameAsEncoderForRichServices() throws {
        let p = try ModelFixture.project(EncodingTests.rich, applyDefaults: true)
        #expect(!p.services.isEmpty)
        for s in p.services.values {
            #expect(try s.canonicalJSON() == JSONValueEncoder().encode(s), "service \(s.name)")
        }
    }

    @Test func sameAsEncoderForShortForms() throws {
        let s = try ModelFixture.service("""
        image: x
        command: []
        entrypoint: [sh, -c]
        environment: {A: "1", B: null}
        labels: {a: b}
        cpus: 1.5
        cpu_count: 2
        mem_limit: 256m
        stop_grace_period: 1m30s
        healthcheck: {test: [NONE]}
        extra_hosts: ["h=1.2.3.4"]
        networks: {front: null}
        ulimits: {nproc: 10}
        x-a: {b: [1, true, null]}
        """)
        #expect(try s.canonicalJSON() == JSONValueEncoder().encode(s))
        #expect(try Service(name: "empty").canonicalJSON() == JSONValueEncoder().encode(Service(name: "empty")))
    }
}
