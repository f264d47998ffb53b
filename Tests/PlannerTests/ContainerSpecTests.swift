import Testing
import ComposeModel
import EngineAPI
import StateObserver
@testable import Planner

@Suite struct ContainerSpecTests {
    func build(_ configure: (inout Service) -> Void, project: ((inout Project) -> Void)? = nil,
               resolver: @escaping @Sendable (String) -> String? = { _ in nil }) throws -> (ContainerCreateBody, [(network: String, endpoint: EndpointSettings)]) {
        var p = Fixtures.project([Fixtures.service("web", configure)], volumes: ["data"])
        project?(&p)
        let spec = ContainerSpec(project: p, service: p.services["web"]!, number: 2, configHash: "abc",
                                 imageID: Fixtures.imageID, containerOfService: resolver)
        let r = try spec.build()
        return (r.body, r.connect)
    }

    @Test func labelsAndIdentity() throws {
        let (body, _) = try build { $0.labels["team"] = "a"; $0.dependsOn = ["db": .init(condition: .serviceHealthy, restart: true)] }
        let l = body.config.labels ?? [:]
        #expect(l["com.docker.compose.project"] == "demo")
        #expect(l["com.docker.compose.service"] == "web")
        #expect(l["com.docker.compose.container-number"] == "2")
        #expect(l["com.docker.compose.oneoff"] == "False")
        #expect(l["com.docker.compose.config-hash"] == "abc")
        #expect(l["com.docker.compose.project.working_dir"] == "/src/demo")
        #expect(l["com.docker.compose.project.config_files"] == "/src/demo/compose.yaml")
        #expect(l["com.docker.compose.depends_on"] == "db:service_healthy:true")
        #expect(l["com.docker.compose.image"] == Fixtures.imageID)
        #expect(l["team"] == "a")
        #expect(body.config.image == Fixtures.image)
    }

    @Test(arguments: [
        // (target, published, hostIP, protocol) → (key, HostIp, HostPort)
        (ServicePort(target: 80, published: "8080", hostIP: "127.0.0.1"), "80/tcp", "127.0.0.1", "8080"),
        (ServicePort(target: 53, published: "5353", protocol: "udp"), "53/udp", "", "5353"),
        (ServicePort(target: 9000, published: nil), "9000/tcp", "", ""),
        (ServicePort(target: 3000, published: "4000-4005"), "3000/tcp", "", "4000-4005"),
    ])
    func ports(_ port: ServicePort, _ key: String, _ ip: String, _ hostPort: String) throws {
        let (body, _) = try build { $0.ports = [port] }
        #expect(body.config.exposedPorts?[key] != nil)
        #expect(body.hostConfig?.portBindings?[key] == [PortBinding(hostIp: ip, hostPort: hostPort)])
    }

    @Test func exposeRanges() throws {
        let (body, _) = try build { $0.expose = ["7000-7001", "8000/udp"] }
        #expect(Set(body.config.exposedPorts?.keys.map { $0 } ?? []) == ["7000/tcp", "7001/tcp", "8000/udp"])
    }

    @Test func mounts() throws {
        let (body, _) = try build {
            $0.volumes = [
                .init(type: .volume, source: "data", target: "/data", readOnly: true),
                .init(type: .volume, target: "/anon"),
                .init(type: .bind, source: "/srv/site", target: "/site", readOnly: true, bind: .init(createHostPath: true)),
                .init(type: .bind, source: "/srv/x", target: "/x", bind: .init(propagation: "rshared", createHostPath: false)),
                .init(type: .tmpfs, target: "/tmp", tmpfs: .init(size: 1024, mode: 0o1777)),
            ]
            $0.tmpfs = ["/run:size=64k"]
        }
        let h = body.hostConfig!
        #expect(h.binds == ["/srv/site:/site:ro"])
        #expect(h.mounts == [
            Mount(type: "volume", source: "demo_data", target: "/data", readOnly: true),
            Mount(type: "volume", source: nil, target: "/anon"),
            Mount(type: "bind", source: "/srv/x", target: "/x", bindOptions: .init(propagation: "rshared")),
            Mount(type: "tmpfs", target: "/tmp", tmpfsOptions: .init(sizeBytes: 1024, mode: 0o1777)),
        ])
        #expect(h.tmpfs == ["/run": "size=64k"])
    }

    @Test func processSettings() throws {
        let (body, _) = try build {
            $0.command = ["httpd", "-f"]
            $0.entrypoint = ["/bin/sh", "-c"]
            $0.environment = ["A": "1", "B": nil, "C": ""]
            $0.user = "1000:1000"
            $0.workingDir = "/app"
            $0.hostname = "h"
            $0.tty = true
            $0.stdinOpen = true
            $0.stopSignal = "SIGINT"
            $0.stopGracePeriod = ComposeDuration(seconds: 3)
            $0.healthcheck = Healthcheck(test: ["CMD-SHELL", "true"], interval: .init(seconds: 1), timeout: .init(seconds: 2), retries: 5)
        }
        let c = body.config
        #expect(c.cmd == ["httpd", "-f"])
        #expect(c.entrypoint == ["/bin/sh", "-c"])
        #expect(c.env == ["A=1", "C="])
        #expect(c.user == "1000:1000")
        #expect(c.workingDir == "/app")
        #expect(c.hostname == "h")
        #expect(c.tty == true && c.openStdin == true)
        #expect(c.stopSignal == "SIGINT" && c.stopTimeout == 3)
        #expect(c.healthcheck == HealthConfig(test: ["CMD-SHELL", "true"], interval: 1_000_000_000, timeout: 2_000_000_000, retries: 5))
    }

    @Test func disabledHealthcheck() throws {
        let (body, _) = try build { $0.healthcheck = Healthcheck(disable: true) }
        #expect(body.config.healthcheck?.test == ["NONE"])
    }

    @Test func hostSettings() throws {
        let (body, _) = try build {
            $0.restart = "on-failure:3"
            $0.initProcess = true
            $0.privileged = true
            $0.capAdd = ["NET_ADMIN"]
            $0.capDrop = ["ALL"]
            $0.dns = ["1.1.1.1"]
            $0.extraHosts = ["db.local": ["10.0.0.2"]]
            $0.sysctls = ["net.core.somaxconn": "1024"]
            $0.ulimits = ["nofile": Ulimit(soft: 1024, hard: 2048)]
            $0.logging = Logging(driver: "json-file", options: ["max-size": "1m"])
            $0.cpus = 1.5
            $0.memLimit = ByteSize(bytes: 64 << 20)
            $0.pidsLimit = 100
            $0.devices = [DeviceMapping(source: "/dev/fuse")]
            $0.securityOpt = ["no-new-privileges:true"]
            $0.shmSize = ByteSize(bytes: 1 << 20)
            $0.readOnly = true
        }
        let h = body.hostConfig!
        #expect(h.restartPolicy == RestartPolicy(name: "on-failure", maximumRetryCount: 3))
        #expect(h.initProcess == true && h.privileged == true && h.readonlyRootfs == true)
        #expect(h.capAdd == ["NET_ADMIN"] && h.capDrop == ["ALL"])
        #expect(h.dns == ["1.1.1.1"])
        #expect(h.extraHosts == ["db.local:10.0.0.2"])
        #expect(h.sysctls == ["net.core.somaxconn": "1024"])
        #expect(h.ulimits == [EngineAPI.Ulimit(name: "nofile", soft: 1024, hard: 2048)])
        #expect(h.logConfig == LogConfig(type: "json-file", config: ["max-size": "1m"]))
        #expect(h.nanoCpus == 1_500_000_000)
        #expect(h.memory == 64 << 20)
        #expect(h.pidsLimit == 100)
        #expect(h.devices == [EngineAPI.DeviceMapping(pathOnHost: "/dev/fuse", pathInContainer: "/dev/fuse", cgroupPermissions: "rwm")])
        #expect(h.securityOpt == ["no-new-privileges:true"])
        #expect(h.shmSize == 1 << 20)
    }

    @Test func deployResourcesAndRestart() throws {
        let (body, _) = try build {
            var d = DeployConfig()
            d.resources = .init(limits: .init(cpus: 0.5, memory: ByteSize(bytes: 1 << 30), pids: 10))
            d.restartPolicy = .init(condition: "any")
            $0.deploy = d
        }
        #expect(body.hostConfig?.nanoCpus == 500_000_000)
        #expect(body.hostConfig?.memory == 1 << 30)
        #expect(body.hostConfig?.pidsLimit == 10)
        // The supervisor enforces deploy.restart_policy: the engine must not restart as well.
        #expect(body.hostConfig?.restartPolicy?.name == "no")
    }

    @Test func deployRestartWithoutSupervisorIsComposeMapping() throws {
        var p = Fixtures.project([Fixtures.service("web") {
            var d = DeployConfig()
            d.restartPolicy = .init(condition: "on-failure", maxAttempts: 3)
            $0.deploy = d
        }])
        var spec = ContainerSpec(project: p, service: p.services["web"]!, number: 1, configHash: "abc", imageID: Fixtures.imageID)
        spec.supervised = false
        #expect(try spec.build().body.hostConfig?.restartPolicy == RestartPolicy(name: "on-failure", maximumRetryCount: 3))
        p.services["web"]?.restart = "always"
        spec = ContainerSpec(project: p, service: p.services["web"]!, number: 1, configHash: "abc", imageID: Fixtures.imageID)
        #expect(try spec.build().body.hostConfig?.restartPolicy?.name == "always")
    }

    @Test func networksWithAliasesAndAddress() throws {
        let (body, connect) = try build({
            $0.networks = ["front": ServiceNetwork(aliases: ["www"], ipv4Address: "172.28.0.5"), "back": nil]
        }, project: {
            $0.networks["front"] = Network(name: "demo_front")
            $0.networks["back"] = Network(name: "demo_back")
        })
        #expect(body.hostConfig?.networkMode == "demo_front")
        let ep = body.networkingConfig?.endpointsConfig?["demo_front"]
        #expect(ep?.aliases == ["web", "www"])
        #expect(ep?.ipamConfig?.ipv4Address == "172.28.0.5")
        #expect(body.networkingConfig?.endpointsConfig?.count == 1)
        #expect(connect.map(\.network) == ["demo_back"])
        #expect(connect.first?.endpoint.aliases == ["web"])
    }

    @Test func serviceModesResolveToContainers() throws {
        let (body, _) = try build({
            $0.networkMode = "service:db"
            $0.ipc = "service:db"
            $0.pid = "host"
            $0.volumesFrom = ["db:ro", "container:other"]
        }, project: { $0.services["db"] = Fixtures.service("db") }, resolver: { $0 == "db" ? "demo-db-1" : nil })
        #expect(body.hostConfig?.networkMode == "container:demo-db-1")
        #expect(body.hostConfig?.ipcMode == "container:demo-db-1")
        #expect(body.hostConfig?.pidMode == "host")
        #expect(body.hostConfig?.volumesFrom == ["demo-db-1:ro", "other"])
        #expect(body.networkingConfig == nil)
    }

    @Test func unresolvedServiceModeIsAnError() {
        #expect(throws: PlanError.self) {
            try build({ $0.networkMode = "service:db" }, project: { $0.services["db"] = Fixtures.service("db") })
        }
    }
}

@Suite struct ContainerSpecSecretTests {
    @Test func fileSecretsAndConfigsAreReadOnlyBinds() throws {
        var p = Fixtures.project([Fixtures.service("web") {
            $0.secrets = [ServiceFileReference(source: "token"), ServiceFileReference(source: "key", target: "api.key")]
            $0.configs = [ServiceFileReference(source: "nginx", target: "/etc/nginx.conf")]
        }])
        p.secrets["token"] = Secret(file: "/src/demo/token.txt")
        p.secrets["key"] = Secret(file: "/src/demo/key.txt")
        p.configs["nginx"] = Config(file: "/src/demo/nginx.conf")
        let body = try ContainerSpec(project: p, service: p.services["web"]!, number: 1, configHash: "h").build().body
        #expect(body.hostConfig?.mounts == [
            Mount(type: "bind", source: "/src/demo/token.txt", target: "/run/secrets/token", readOnly: true),
            Mount(type: "bind", source: "/src/demo/key.txt", target: "/run/secrets/api.key", readOnly: true),
            Mount(type: "bind", source: "/src/demo/nginx.conf", target: "/etc/nginx.conf", readOnly: true),
        ])
    }

    @Test func environmentSecretIsAnErrorNotSilence() {
        var p = Fixtures.project([Fixtures.service("web") { $0.secrets = [ServiceFileReference(source: "pw")] }])
        p.secrets["pw"] = Secret(environment: "PASSWORD")
        #expect(throws: PlanError.self) {
            try ContainerSpec(project: p, service: p.services["web"]!, number: 1, configHash: "h").build()
        }
    }
}

@Suite struct InjectedSecretTests {
    @Test func environmentSecretIsCopiedBeforeStart() throws {
        var p = Fixtures.project([Fixtures.service("web") { $0.secrets = [ServiceFileReference(source: "pw")] }])
        p.secrets["pw"] = Secret(environment: "PASSWORD")
        p.environment["PASSWORD"] = "s3cret"
        var o = ObservedProject(name: "demo")
        o.images[Fixtures.image] = Fixtures.imageID
        let plan = try Planner.plan(desired: p, observed: o, options: UpOptions())
        #expect(Fixtures.text(plan) == """
            create-network demo_default
            create-container demo-web-1 (service web, hash H)
            copy-file demo-web-1 /run/secrets/pw
            start-container demo-web-1

            """)
        guard case .copyFile(_, let file) = plan.nodes[2].operation else { Issue.record("not a copy"); return }
        #expect(file.content == Array("s3cret".utf8))
        #expect(file.mode == 0o444)
    }
}
