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

    @Test func volumesSameAsEncoder() throws {
        let p = try ModelFixture.project("""
        services: {a: {image: x}}
        volumes:
          plain:
          named: {name: data, driver: local, driver_opts: {type: none}, labels: {a: b}, x-note: {k: 1}}
          outside: {external: true}
        """, applyDefaults: true)
        #expect(p.volumes.count == 3)
        for v in p.volumes.values {
            #expect(v.canonicalJSON() == (try JSONValueEncoder().encode(v)))
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
        let parts = try ModelFixture.service("""
        image: x
        depends_on: {db: {condition: service_healthy, restart: true}, cache: {condition: service_started, required: false}}
        logging: {driver: json-file, options: {max-size: 10m}}
        ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 65535}
        volumes: ["./data:/data:ro,z", {type: bind, source: ./src, target: /src, bind: {propagation: rshared, create_host_path: false}}]
        networks: {front: null, back: {aliases: [b], ipv4_address: 10.0.0.2}}
        """)
        #expect(try parts.canonicalJSON() == JSONValueEncoder().encode(parts))
        #expect(try Service(name: "empty").canonicalJSON() == JSONValueEncoder().encode(Service(name: "empty")))
    }
}
