import Foundation
import Testing
import ComposeModel
import EngineAPI
@testable import ImageBuilder

@Suite struct BuildRequestTests {
    func project(_ service: Service) -> Project {
        Project(name: "demo", workingDir: "/srv/demo", services: [service.name: service])
    }

    @Test func mapsTheBuildSection() throws {
        var build = BuildConfig(context: "app")
        build.dockerfile = "Dockerfile.dev"
        build.args = ["PLAIN": "1", "FROM_ENV": nil, "UNSET": nil]
        build.target = "runtime"
        build.labels = ["org.example": "yes"]
        build.network = "host"
        build.extraHosts = ["db": ["10.0.0.2"], "cache": ["10.0.0.3", "::1"]]
        build.shmSize = ByteSize(bytes: 64 * 1024 * 1024)
        build.noCache = true
        build.tags = ["registry.local/demo:1"]
        var s = Service(name: "web")
        s.build = build
        let r = try BuildRequest.make(project: project(s), service: s, environment: ["FROM_ENV": "env-value"])
        #expect(r.image == "demo-web")
        #expect(r.context == "/srv/demo/app")
        #expect(r.dockerfile == "Dockerfile.dev")
        #expect(r.options.tags == ["demo-web", "registry.local/demo:1"])
        #expect(r.options.buildArgs == ["PLAIN": "1", "FROM_ENV": "env-value"])
        #expect(r.options.target == "runtime")
        #expect(r.options.labels["org.example"] == "yes")
        #expect(r.options.labels["com.docker.compose.project"] == "demo")
        #expect(r.options.labels["com.docker.compose.service"] == "web")
        #expect(r.options.networkMode == "host")
        #expect(r.options.extraHosts == ["db:10.0.0.2", "cache:10.0.0.3", "cache:::1"])
        #expect(r.options.shmSize == Int64(67_108_864))
        #expect(r.options.noCache)
        #expect(!r.options.pull)
        #expect(r.ignored.isEmpty)
    }

    @Test func namesWhatTheClassicBuilderIgnores() throws {
        var build = BuildConfig(context: ".")
        build.cacheFrom = ["type=local,src=/tmp/cache"]
        build.ssh = [.init(id: "default")]
        var s = Service(name: "web")
        s.build = build
        #expect(try BuildRequest.make(project: project(s), service: s).ignored == ["ssh", "cache_from"])
    }

    @Test func imageNameAndOverrides() throws {
        var s = Service(name: "api")
        s.image = "127.0.0.1:1/team/api:2"
        var build = BuildConfig(context: "/abs/ctx")
        build.args = ["A": "file"]
        s.build = build
        let overrides = BuildRequest.Overrides(noCache: true, pull: true, args: ["A=cli", "B", "C=x=y", "MISSING"])
        let r = try BuildRequest.make(project: project(s), service: s, overrides: overrides, environment: ["B": "from-env"])
        #expect(r.image == "127.0.0.1:1/team/api:2")
        #expect(r.context == "/abs/ctx")
        #expect(r.options.buildArgs == ["A": "cli", "B": "from-env", "C": "x=y"])
        #expect(r.options.noCache && r.options.pull)
    }

    @Test func remoteContextIsRefusedClearly() {
        var s = Service(name: "web")
        s.build = BuildConfig(context: "https://github.com/example/app.git")
        #expect(throws: BuildContextError.self) { try BuildRequest.make(project: project(s), service: s) }
    }
}

@Suite struct RegistryTests {
    @Test(arguments: [
        ("busybox", "docker.io", "busybox", "latest"),
        ("busybox:1.36", "docker.io", "busybox", "1.36"),
        ("library/busybox", "docker.io", "library/busybox", "latest"),
        ("127.0.0.1:1/team/app", "127.0.0.1:1", "127.0.0.1:1/team/app", "latest"),
        ("127.0.0.1:1/app:v2", "127.0.0.1:1", "127.0.0.1:1/app", "v2"),
        ("localhost/app", "localhost", "localhost/app", "latest"),
        ("registry.example.com/a/b@sha256:abc", "registry.example.com", "registry.example.com/a/b", "sha256:abc"),
    ])
    func references(_ text: String, _ registry: String, _ repository: String, _ reference: String) {
        let r = ImageReference(text)
        #expect(r.registry == registry)
        #expect(r.repository == repository)
        #expect(r.reference == reference)
    }

    @Test func configAuthsDecodeAndMatch() throws {
        let json = """
        {"auths": {
          "https://index.docker.io/v1/": {"auth": "\(Data("hub-user:hub:pass".utf8).base64EncodedString())"},
          "http://127.0.0.1:1/v2/": {"auth": "\(Data("me:secret".utf8).base64EncodedString())"},
          "tokens.example.com": {"identitytoken": "tok"}
        }, "credsStore": "desktop"}
        """
        let config = try DockerConfig.parse(Data(json.utf8))
        let hub = try #require(config.auth(for: "docker.io"))
        #expect(hub.username == "hub-user")
        #expect(hub.password == "hub:pass")  // only the first colon separates
        let local = try #require(config.auth(for: "127.0.0.1:1"))
        #expect(local.username == "me")
        #expect(local.password == "secret")
        #expect(config.auth(for: "tokens.example.com")?.identitytoken == "tok")
        #expect(config.auth(for: "elsewhere.example.com") == nil)
    }

    @Test func malformedConfigIsReported() {
        #expect(throws: DockerConfigError.self) { try DockerConfig.parse(Data("{".utf8)) }
        #expect(throws: DockerConfigError.self) { try DockerConfig.parse(Data(#"{"auths":{"x":{"auth":"bm9jb2xvbg=="}}}"#.utf8)) }
    }

    @Test func missingConfigMeansNoCredentials() throws {
        let config = try DockerConfig.load(environment: ["DOCKER_CONFIG": "/nonexistent-\(UUID().uuidString)"])
        #expect(config.auths.isEmpty)
    }
}

@Suite struct PullPolicyTests {
    @Test func parsesComposeValues() {
        #expect(PullPolicy(nil) == .missing)
        #expect(PullPolicy("if_not_present") == .missing)
        #expect(PullPolicy("always") == .always)
        #expect(PullPolicy("never") == .never)
        #expect(PullPolicy("build") == .build)
        #expect(PullPolicy("daily") == .refresh(seconds: 86_400))
        #expect(PullPolicy("weekly") == .refresh(seconds: 604_800))
        #expect(PullPolicy("every_12h") == .refresh(seconds: 43_200))
        #expect(PullPolicy("every_90s") == .refresh(seconds: 90))
    }

    @Test func decidesWhenToPull() {
        #expect(PullPolicy.always.mustPull(present: true, age: 0))
        #expect(PullPolicy.missing.mustPull(present: false, age: nil))
        #expect(!PullPolicy.missing.mustPull(present: true, age: 1_000_000))
        #expect(!PullPolicy.never.mustPull(present: false, age: nil))
        #expect(!PullPolicy.build.mustPull(present: false, age: nil))
        #expect(PullPolicy.refresh(seconds: 60).mustPull(present: true, age: 61))
        #expect(!PullPolicy.refresh(seconds: 60).mustPull(present: true, age: 59))
        #expect(PullPolicy.refresh(seconds: 60).mustPull(present: false, age: nil))
    }
}

@Suite struct LineBufferTests {
    @Test func joinsPartialLinesAndSplitsCRLF() {
        var b = LineBuffer()
        #expect(b.append("Step 1/2 : FR").isEmpty)
        #expect(b.append("OM x\n ---> abc\r\nStep 2") == ["Step 1/2 : FROM x", " ---> abc"])
        #expect(b.append("/2\n\n") == ["Step 2/2", ""])
        #expect(b.append("tail") == [])
        #expect(b.flush() == "tail")
        #expect(b.flush() == nil)
    }
}
