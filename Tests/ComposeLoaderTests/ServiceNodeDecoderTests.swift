@testable import ComposeLoader
import ComposeModel
import Testing
import YAML

/// The hand-written service decoder must give exactly what the Codable path gives, or leave the
/// service to it (nil).
@Suite struct ServiceNodeDecoderTests {
    /// (fast result, Codable result) for `services: {s: <body>}`.
    private func both(_ body: String) throws -> (Service?, Service) {
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        let root = try ModelFixture.parse("services:\n  s:\n" + indented)
        let services = try #require(root.entries?.first?.value)
        let node = try #require(services.entries?.first?.value)
        let parent = CodingPathNode(parent: nil, key: AnyCodingKey("services"))
        let fast = ServiceNodeDecoder.decode(node, parent: parent, key: AnyCodingKey("s"))
        let slow = try Service(from: YAMLNodeDecoder(node: node, codingPath: [AnyCodingKey("services"), AnyCodingKey("s")]))
        return (fast, slow)
    }

    static let handled = [
        """
        image: "nginx:1.27"
        container_name: web
        hostname: web
        working_dir: /app
        user: "1000:1000"
        restart: on-failure:3
        command: ["/bin/server", "--port", "8080"]
        entrypoint: /bin/sh -c 'exec "$@"'
        environment:
          A: "1"
          B:
          C: yes
        labels: [a=1, b]
        ports: ["8080:80", "9000-9001:9000-9001/udp", "127.0.0.1::53"]
        expose: ["9090", 9091]
        volumes: [data:/var/lib/data, ./config:/etc/app:ro, /tmp]
        networks: [front, back]
        depends_on: [db, cache]
        healthcheck:
          test: ["CMD", "wget", "-q", "http://localhost/health"]
          interval: 30s
          timeout: 5s
          retries: 3
          start_period: 1m
          disable: false
        ulimits:
          nproc: 65535
          nofile: {soft: 20000, hard: 40000}
        cap_add: [NET_ADMIN]
        cap_drop: ALL
        extra_hosts: ["host.example:10.0.0.1", "v6=[::1],10.0.0.2"]
        stop_grace_period: 20s
        mem_limit: 256m
        shm_size: 1gb
        logging:
          driver: json-file
          options: {max-size: 10m, max-file: "3"}
        x-extra: {a: 1, b: [true, "x"]}
        """,
        """
        image: x
        environment: [A=1, B, C=a=b, A=2]
        networks:
          front:
          back: null
        depends_on:
          db: {condition: service_healthy, restart: true}
          cache: {condition: service_started, required: "no"}
        healthcheck:
          test: curl -f http://localhost
        deploy:
          replicas: 2
          resources: {limits: {cpus: "0.5", memory: 50M}}
        build: .
        command: null
        labels: {}
        """,
        """
        image: x
        healthcheck: {test: [NONE]}
        build: {context: ./dir, args: [A=1]}
        restart: unless-stopped
        """,
    ]

    @Test(arguments: handled)
    func sameAsCodable(_ body: String) throws {
        let (fast, slow) = try both(body)
        let f = try #require(fast)
        #expect(f == slow)
    }

    /// Shapes left to Codable: long syntax, unknown keys, and values that are errors there.
    static let declined = [
        "ports: [{target: 80, published: 8080}]",
        "volumes: [{type: bind, source: ., target: /app}]",
        "networks: {front: {aliases: [a]}}",
        "configs: [c]",
        "restart: sometimes",
        "ports: [\"99999:80\"]",
        "healthcheck: {test: [echo, hi]}",
        "healthcheck: {retries: -1}",
        "ulimits: {nofile: {soft: 2, hard: 1}}",
        "extra_hosts: [nohost]",
        "mem_limit: lots",
        "environment: [1, [2]]",
        "image: [x]",
        "logging: {driver: local, extra: 1}",
        "deploy: {replicas: many}",
    ]

    @Test(arguments: declined)
    func leavesToCodable(_ body: String) throws {
        let indented = "    " + body
        let root = try ModelFixture.parse("services:\n  s:\n" + indented)
        let node = try #require(root.entries?.first?.value.entries?.first?.value)
        #expect(ServiceNodeDecoder.decode(node, parent: nil, key: AnyCodingKey("s")) == nil)
    }
}
