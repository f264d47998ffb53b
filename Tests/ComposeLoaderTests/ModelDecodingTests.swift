import ComposeLoader
import ComposeModel
import OrderedCollections
import Testing
import YAML

@Suite struct ModelDecodingTests {
    @Test func environmentListForms() throws {
        let s = try ModelFixture.service("""
        environment:
          - K
          - E=
          - KV=value=with=equals
          - N=42
        """)
        let expected: OrderedDictionary<String, String?> = ["K": nil, "E": "", "KV": "value=with=equals", "N": "42"]
        #expect(s.environment == expected)
    }

    @Test func environmentMapForm() throws {
        let s = try ModelFixture.service("""
        environment:
          K:
          E: ""
          B: true
          N: 1.50
        """)
        let expected: OrderedDictionary<String, String?> = ["K": nil, "E": "", "B": "true", "N": "1.50"]
        #expect(s.environment == expected)
        #expect(Array(s.environment.keys) == ["K", "E", "B", "N"])
    }

    @Test func commandForms() throws {
        #expect(try ModelFixture.service("command: bundle exec 'thin server' -p 3000").command == ["bundle", "exec", "thin server", "-p", "3000"])
        #expect(try ModelFixture.service("command: [echo, hi]").command == ["echo", "hi"])
        #expect(try ModelFixture.service("command: []").command == [])
        #expect(try ModelFixture.service("image: x").command == nil)
        #expect(try ModelFixture.service("entrypoint: /bin/sh -c").entrypoint == ["/bin/sh", "-c"])
        #expect(try ModelFixture.service("command: null").command == nil)
    }

    @Test func dependsOnForms() throws {
        let list = try ModelFixture.service("depends_on: [db, cache]")
        #expect(list.dependsOn == ["db": ServiceDependency(), "cache": ServiceDependency()])
        #expect(list.dependsOn["db"] == ServiceDependency(condition: .serviceStarted, required: true, restart: false))

        let map = try ModelFixture.service("""
        depends_on:
          db:
            condition: service_healthy
            restart: "true"
          migrate:
            condition: service_completed_successfully
            required: false
        """)
        #expect(map.dependsOn == [
            "db": ServiceDependency(condition: .serviceHealthy, required: true, restart: true),
            "migrate": ServiceDependency(condition: .serviceCompletedSuccessfully, required: false, restart: false),
        ])
    }

    @Test func badDependsOnCondition() {
        let e = ModelFixture.error("""
        services:
          web:
            depends_on:
              db:
                condition: service_ready
        """)
        #expect(e?.message == "invalid depends_on condition \"service_ready\"")
        #expect(e?.keyPath == "services.web.depends_on.db")
        #expect(e?.mark?.line == 5)
        #expect(e?.hint != nil)
    }

    @Test func healthcheckForms() throws {
        let shell = try ModelFixture.service("""
        healthcheck:
          test: curl -f http://localhost || exit 1
          interval: 1m30s
          timeout: 10s
          retries: "3"
          start_period: 40s
          start_interval: 5s
        """)
        #expect(shell.healthcheck == Healthcheck(test: ["CMD-SHELL", "curl -f http://localhost || exit 1"],
                                                 interval: ComposeDuration(seconds: 90), timeout: ComposeDuration(seconds: 10),
                                                 startPeriod: ComposeDuration(seconds: 40), startInterval: ComposeDuration(seconds: 5), retries: 3))
        let list = try ModelFixture.service("healthcheck: {test: [CMD, curl, -f, http://localhost]}")
        #expect(list.healthcheck?.test == ["CMD", "curl", "-f", "http://localhost"])
        let disabled = try ModelFixture.service("healthcheck: {disable: true}")
        #expect(disabled.healthcheck?.isDisabled == true)
        let none = try ModelFixture.service("healthcheck: {test: [NONE]}")
        #expect(none.healthcheck?.isDisabled == true)
        let badList = ModelFixture.error("services:\n  s:\n    healthcheck:\n      test: [curl, x]\n")
        #expect(badList?.keyPath == "services.s.healthcheck.test")
    }

    @Test func ulimitForms() throws {
        let s = try ModelFixture.service("""
        ulimits:
          nproc: 65535
          nofile:
            soft: "20000"
            hard: 40000
        """)
        #expect(s.ulimits == ["nproc": Ulimit(65535), "nofile": Ulimit(soft: 20000, hard: 40000)])
        let e = ModelFixture.error("services:\n  s:\n    ulimits:\n      nofile: {soft: 2, hard: 1}\n")
        #expect(e?.keyPath == "services.s.ulimits.nofile")
    }

    @Test func extraHostsForms() throws {
        let list = try ModelFixture.service("""
        extra_hosts:
          - "somehost:162.242.195.82"
          - "otherhost=50.31.209.229"
          - "myhostv6:::1"
          - "v6b=[::2]"
          - "somehost=10.0.0.1"
        """)
        #expect(list.extraHosts == ["somehost": ["162.242.195.82", "10.0.0.1"], "otherhost": ["50.31.209.229"], "myhostv6": ["::1"], "v6b": ["::2"]])
        let map = try ModelFixture.service("""
        extra_hosts:
          b: 1.1.1.1
          a: [2.2.2.2, 3.3.3.3]
        """)
        #expect(map.extraHosts == ["b": ["1.1.1.1"], "a": ["2.2.2.2", "3.3.3.3"]])
        #expect(Array(map.extraHosts.keys) == ["b", "a"])
    }

    @Test func labelsListAndMap() throws {
        let list = try ModelFixture.service("labels: [a=1, b, c=x=y]")
        #expect(list.labels == ["a": "1", "b": "", "c": "x=y"])
        let map = try ModelFixture.service("labels: {n: 42, e: }")
        #expect(map.labels == ["n": "42", "e": ""])
    }

    @Test func stringCastsToNumbersAndBooleans() throws {
        let s = try ModelFixture.service("""
        privileged: "yes"
        read_only: "off"
        tty: True
        scale: "3"
        cpus: "0.5"
        cpu_shares: "512"
        shm_size: 64m
        mem_limit: "1gb"
        memswap_limit: -1
        stop_grace_period: 1m
        oom_score_adj: "-500"
        """)
        #expect(s.privileged == true)
        #expect(s.readOnly == false)
        #expect(s.tty == true)
        #expect(s.scale == 3)
        #expect(s.replicas == 3)
        #expect(s.cpus == 0.5)
        #expect(s.cpuShares == 512)
        #expect(s.shmSize == ByteSize(bytes: 64 << 20))
        #expect(s.memLimit == ByteSize(bytes: 1 << 30))
        #expect(s.memswapLimit == ByteSize(bytes: -1))
        #expect(s.stopGracePeriod == ComposeDuration(seconds: 60))
        #expect(s.oomScoreAdj == -500)
    }

    @Test func realtimeCPUAcceptsDurations() throws {
        let s = try ModelFixture.service("cpu_rt_runtime: 400ms\ncpu_rt_period: 1400")
        #expect(s.cpuRTRuntime == 400_000)
        #expect(s.cpuRTPeriod == 1400)
    }

    @Test func replicasPreferDeploy() throws {
        #expect(try ModelFixture.service("image: x").replicas == 1)
        #expect(try ModelFixture.service("deploy: {replicas: 4}\nscale: 2").replicas == 4)
    }

    @Test func networksForms() throws {
        let list = try ModelFixture.service("networks: [front, back]")
        #expect(list.networks == ["front": nil, "back": nil])
        let map = try ModelFixture.service("""
        networks:
          front:
            aliases: [web]
            ipv4_address: 172.16.238.10
            priority: "100"
          back:
        """)
        var front = ServiceNetwork(aliases: ["web"], ipv4Address: "172.16.238.10")
        front.priority = 100
        #expect(map.networks == ["front": front, "back": nil])
    }

    @Test func secretsAndConfigsForms() throws {
        let s = try ModelFixture.service("""
        secrets:
          - db_password
          - source: api
            target: /run/api
            uid: "103"
            mode: 0440
        configs: [cfg]
        """)
        #expect(s.secrets == [ServiceFileReference(source: "db_password"),
                              ServiceFileReference(source: "api", target: "/run/api", uid: "103", mode: 0o440)])
        #expect(s.configs == [ServiceFileReference(source: "cfg")])
    }

    @Test func buildForms() throws {
        let short = try ModelFixture.service("build: ./app")
        #expect(short.build?.context == "./app")
        #expect(short.build?.dockerfile == "Dockerfile")
        let long = try ModelFixture.service("""
        build:
          dockerfile: Other
          args: [A=1, B]
          ssh: [default, key=/k]
          no_cache: "true"
          shm_size: 2g
          extra_hosts: ["h:1.2.3.4"]
        """)
        #expect(long.build?.context == ".")
        #expect(long.build?.args == ["A": "1", "B": nil])
        #expect(long.build?.ssh == [.init(id: "default"), .init(id: "key", path: "/k")])
        #expect(long.build?.noCache == true)
        #expect(long.build?.shmSize == ByteSize(bytes: 2 << 30))
        #expect(long.build?.extraHosts == ["h": ["1.2.3.4"]])
    }

    @Test func envFileForms() throws {
        #expect(try ModelFixture.service("env_file: .env").envFiles == [EnvFile(path: ".env")])
        #expect(try ModelFixture.service("env_file: [a.env, {path: b.env, required: false, format: raw}]").envFiles
                == [EnvFile(path: "a.env"), EnvFile(path: "b.env", required: false, format: "raw")])
    }

    @Test func miscForms() throws {
        let s = try ModelFixture.service("""
        dns: 8.8.8.8
        tmpfs: /run
        sysctls: [net.core.somaxconn=1024]
        devices: ["/dev/sda:/dev/xvda:rw", /dev/null]
        gpus: all
        logging: {driver: syslog, options: {syslog-address: "tcp://1.2.3.4:123"}}
        extends: base
        x-custom: {a: 1, b: [true, "x"]}
        """)
        #expect(s.dns == ["8.8.8.8"])
        #expect(s.tmpfs == ["/run"])
        #expect(s.sysctls == ["net.core.somaxconn": "1024"])
        #expect(s.devices == [DeviceMapping(source: "/dev/sda", target: "/dev/xvda", permissions: "rw"), DeviceMapping(source: "/dev/null")])
        #expect(s.gpus == [DeviceRequest(capabilities: ["gpu"], count: -1)])
        #expect(s.logging == Logging(driver: "syslog", options: ["syslog-address": "tcp://1.2.3.4:123"]))
        #expect(s.extends == ExtendsConfig(service: "base"))
        #expect(s.extensions["x-custom"] == .object(["a": .number(1), "b": .array([.bool(true), .string("x")])]))
    }

    @Test func deploy() throws {
        let s = try ModelFixture.service("""
        deploy:
          mode: replicated
          replicas: 2
          resources:
            limits: {cpus: '0.5', memory: 50M, pids: 100}
            reservations:
              devices: [{driver: nvidia, count: all, capabilities: [gpu]}]
          restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}
          placement: {constraints: [node.role==manager], preferences: [{spread: node.labels.zone}]}
        """)
        let d = try #require(s.deploy)
        #expect(d.replicas == 2)
        #expect(d.resources?.limits == DeployConfig.Resource(cpus: 0.5, memory: ByteSize(bytes: 50 << 20), pids: 100))
        #expect(d.resources?.reservations?.devices == [DeviceRequest(capabilities: ["gpu"], count: -1, driver: "nvidia")])
        #expect(d.restartPolicy == DeployConfig.RestartPolicy(condition: "on-failure", delay: ComposeDuration(seconds: 5), maxAttempts: 3,
                                                               window: ComposeDuration(seconds: 120)))
        #expect(d.placement?.preferences == [["spread": "node.labels.zone"]])
    }

    @Test func topLevelResources() throws {
        let p = try ModelFixture.project("""
        name: ignored
        services:
          web: {image: nginx}
        networks:
          front:
          ext: {external: true}
          legacy: {external: {name: real-net}}
        volumes:
          data: {driver: local, driver_opts: {type: none, o: bind}}
        secrets:
          s1: {file: ./s1.txt}
          s2: {environment: TOKEN}
        configs:
          c1: {content: "hello"}
        x-top: 1
        """, name: "proj", applyDefaults: true)
        #expect(p.name == "proj")
        #expect(p.services["web"]?.name == "web")
        #expect(p.services["web"]?.networks == ["default": nil])
        #expect(p.networks["default"]?.name == "proj_default")
        #expect(p.networks["front"]?.name == "proj_front")
        #expect(p.networks["ext"]?.name == "ext")
        #expect(p.networks["legacy"]?.name == "real-net")
        #expect(p.networks["legacy"]?.isExternal == true)
        #expect(p.volumes["data"]?.driverOpts == ["type": "none", "o": "bind"])
        #expect(p.volumes["data"]?.name == "proj_data")
        #expect(p.secrets["s1"]?.file == "./s1.txt")
        #expect(p.secrets["s2"]?.environment == "TOKEN")
        #expect(p.configs["c1"]?.content == "hello")
        #expect(p.extensions == ["x-top": .number(1)])
    }

    @Test func defaultNetworkNotAddedWithNetworkModeOrExtends() throws {
        let p = try ModelFixture.project("""
        services:
          a: {image: x, network_mode: host}
          b: {image: x, extends: a}
        """, applyDefaults: true)
        #expect(p.services["a"]?.networks.isEmpty == true)
        #expect(p.services["b"]?.networks.isEmpty == true)
        #expect(p.networks["default"] == nil)
    }

    // MARK: errors with positions and key paths

    @Test func badPortHasPositionAndPath() {
        let e = ModelFixture.error("""
        services:
          web:
            image: nginx
            ports:
              - "8080:80"
              - "80800"
        """)
        #expect(e?.message == "invalid port \"80800\": port numbers must be 1-65535")
        #expect(e?.keyPath == "services.web.ports[1]")
        #expect(e?.mark == Mark(file: "compose.yaml", line: 6, column: 9))
        #expect(e?.description.hasPrefix("compose.yaml:6:9: services.web.ports[1]: invalid port") == true)
    }

    @Test func badDurationHasPositionAndPath() {
        let e = ModelFixture.error("""
        services:
          web:
            healthcheck:
              interval: 10 seconds
        """)
        #expect(e?.message == "invalid duration \"10 seconds\"")
        #expect(e?.keyPath == "services.web.healthcheck.interval")
        #expect(e?.mark == Mark(file: "compose.yaml", line: 4, column: 17))
        #expect(e?.hint != nil)
    }

    @Test func badByteSize() {
        let e = ModelFixture.error("services:\n  web:\n    shm_size: lots\n")
        #expect(e?.message == "invalid size \"lots\"")
        #expect(e?.keyPath == "services.web.shm_size")
        #expect(e?.mark?.line == 3)
    }

    @Test func badRestartPolicy() throws {
        let e = ModelFixture.error("services:\n  web:\n    restart: sometimes\n")
        #expect(e?.message == "invalid restart policy \"sometimes\"")
        #expect(e?.keyPath == "services.web.restart")
        #expect(try ModelFixture.service("restart: on-failure:3").restart == "on-failure:3")
        #expect(ModelFixture.error("services:\n  web:\n    restart: on-failure:x\n")?.keyPath == "services.web.restart")
    }

    @Test func badVolumeSpec() {
        let e = ModelFixture.error("services:\n  web:\n    volumes:\n      - /a:/b:ro\n      - \"/a::/b\"\n")
        #expect(e?.keyPath == "services.web.volumes[1]")
        #expect(e?.mark?.line == 5)
    }

    @Test func badBooleanAndInteger() {
        let b = ModelFixture.error("services:\n  web:\n    privileged: maybe\n")
        #expect(b?.message == "invalid boolean \"maybe\"")
        #expect(b?.keyPath == "services.web.privileged")
        let i = ModelFixture.error("services:\n  web:\n    deploy:\n      replicas: many\n")
        #expect(i?.message == "expected an integer, found \"many\"")
        #expect(i?.keyPath == "services.web.deploy.replicas")
        #expect(i?.mark == Mark(file: "compose.yaml", line: 4, column: 17))
    }

    @Test func wrongShape() {
        let e = ModelFixture.error("services:\n  web:\n    ports: \"80:80\"\n")
        #expect(e?.message == "expected a sequence, found \"80:80\"")
        #expect(e?.keyPath == "services.web.ports")
        let root = ModelFixture.error("- a\n- b\n")
        #expect(root?.mark?.line == 1)
    }

    @Test func missingRequiredKey() {
        let e = ModelFixture.error("services:\n  web:\n    ports:\n      - published: 80\n")
        #expect(e?.message == "missing required key 'target'")
        #expect(e?.keyPath == "services.web.ports[0]")
    }
}

@Suite struct ServiceHelperTests {
    @Test func networksByPriority() throws {
        let s = try ModelFixture.service("""
        networks:
          foo:
          bar: {priority: 10}
          zot: {priority: 100}
          qix: {priority: 1000}
          abc:
        """)
        #expect(s.networksByPriority == ["qix", "zot", "bar", "abc", "foo"])
    }
}

@Suite struct DevelopDecodingTests {
    @Test func watchRules() throws {
        let s = try ModelFixture.service("""
        develop:
          watch:
            - path: ./src
              action: sync
              target: /app/src
              ignore: node_modules/
              initial_sync: true
            - path: [package.json, yarn.lock]
              action: rebuild
            - path: ./conf
              action: sync+exec
              target: /etc/app
              exec: {command: kill -HUP 1}
        """)
        let d = try #require(s.developConfig)
        var sync = DevelopConfig.WatchRule(path: "./src", action: .sync, target: "/app/src")
        sync.ignore = ["node_modules/"]
        sync.initialSync = true
        var exec = DevelopConfig.WatchRule(path: "./conf", action: .syncExec, target: "/etc/app")
        exec.exec = ServiceHook(command: ["kill", "-HUP", "1"])
        #expect(d.watch == [
            sync,
            DevelopConfig.WatchRule(path: "package.json", action: .rebuild),
            DevelopConfig.WatchRule(path: "yarn.lock", action: .rebuild),
            exec,
        ])
    }

    @Test func badWatchAction() {
        let e = ModelFixture.error("services:\n  s:\n    develop:\n      watch:\n        - {path: ., action: copy}\n")
        #expect(e?.message == "invalid watch action \"copy\"")
        #expect(e?.keyPath == "services.s.develop.watch[0]")
        #expect(e?.mark?.line == 5)
    }

    @Test func jsonValueDecoderCastsScalars() throws {
        struct X: Decodable, Equatable { var n: Int; var b: Bool; var s: String; var d: Double }
        let v = JSONValue.object(["n": .string("3"), "b": .string("yes"), "s": .number(42), "d": .number(1.5)])
        #expect(try JSONValueDecoder().decode(X.self, from: v) == X(n: 3, b: true, s: "42", d: 1.5))
        #expect(throws: (any Error).self) { try JSONValueDecoder().decode(X.self, from: .array([])) }
    }
}

@Suite struct BlkioDecodingTests {
    @Test func typedView() throws {
        let s = try ModelFixture.service("""
        blkio_config:
          weight: 300
          weight_device: [{path: /dev/sda, weight: "400"}]
          device_read_bps: [{path: /dev/sdb, rate: 12mb}]
          device_write_iops: [{path: /dev/sdb, rate: 30}]
        """)
        var expected = BlkioConfig(weight: 300)
        expected.weightDevice = [.init(path: "/dev/sda", weight: 400)]
        expected.deviceReadBps = [.init(path: "/dev/sdb", rate: 12 << 20)]
        expected.deviceWriteIOps = [.init(path: "/dev/sdb", rate: 30)]
        #expect(s.blkio == expected)
    }

    @Test func badWeight() {
        let e = ModelFixture.error("services:\n  s:\n    blkio_config:\n      weight: 5\n")
        #expect(e?.message == "invalid blkio weight 5")
        #expect(e?.keyPath == "services.s.blkio_config.weight")
    }
}
