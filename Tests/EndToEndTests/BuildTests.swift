import Foundation
import Testing

/// `build`, `pull`, `push` and the image side of `up` against the real daemon (legacy builder), checked
/// with the docker CLI. Every Dockerfile starts from the local busybox image, never pulled; registries are
/// named 127.0.0.1:1, where nothing listens, so no traffic leaves the machine.
@Suite(.serialized) struct BuildTests {
    static let base = "FROM \(Harness.image)\n"

    /// Output of every swiftcompose run of a test, so cleanup can find the image IDs its builds printed.
    final class Log: @unchecked Sendable {
        var text = ""
        func keep(_ r: Harness.Result) -> Harness.Result {
            text += r.stdout
            return r
        }
    }

    /// Removes the project's containers and networks, the images built for it, then the untagged images
    /// its builds left (earlier stages, replaced builds): only IDs its own build output named.
    static func cleanup(project: String, images: [String], log: Log? = nil) {
        Harness.cleanup(project: project)
        for image in images { _ = try? Harness.docker(["rmi", "-f", image]) }
        guard let log else { return }
        var ours = Set<String>()
        for line in log.text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if let i = words.firstIndex(of: "--->"), i + 1 < words.count { ours.insert(String(words[i + 1])) }
            if line.contains("Successfully built "), let id = words.last { ours.insert(String(id)) }
        }
        let dangling = (try? Harness.docker(["images", "-q", "--filter", "dangling=true"]).stdout) ?? ""
        let mine = dangling.split(separator: "\n").map(String.init).filter { ours.contains($0) }
        if !mine.isEmpty { _ = try? Harness.docker(["rmi"] + mine) }
    }

    static func files(in image: String, _ dir: String) throws -> [String] {
        let r = try Harness.docker(["run", "--rm", image, "find", dir])
        return r.stdout.split(separator: "\n").map(String.init).sorted()
    }

    static func imageID(_ ref: String) throws -> String {
        try Harness.docker(["image", "inspect", "-f", "{{.Id}}", ref]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func dockerignoreDecidesWhatReachesTheImage() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scbuild")
        let oracle = "\(name)-oracle"
        defer { Self.cleanup(project: name, images: ["\(name)-app", oracle]) }
        let dir = try Harness.project([
            "compose.yaml": "services:\n  app:\n    build: ./ctx\n",
            "ctx/Dockerfile": Self.base + "COPY . /ctx/\n",
            "ctx/.dockerignore": "# logs and secrets stay home\n*.log\n/secret\nbuild\n!build/keep.txt\n**/*.tmp\nDockerfile  \n",
            "ctx/keep.txt": "keep",
            "ctx/debug.log": "no",
            "ctx/secret/key": "no",
            "ctx/build/keep.txt": "yes",
            "ctx/build/drop.txt": "no",
            "ctx/src/a.tmp": "no",
            "ctx/src/deep/b.tmp": "no",
            "ctx/src/main.c": "yes",
            "ctx/src/nested.log": "yes: *.log is anchored at the root",
        ])
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/ctx/link", withDestinationPath: "/etc/hostname")

        let build = try Harness.compose(["-p", name, "build"], in: dir)
        #expect(build.code == 0, "\(build)")
        #expect(build.stdout.contains("app"), "build output carries the service prefix: \(build)")
        let ours = try Self.files(in: "\(name)-app", "/ctx")
        #expect(ours == ["/ctx", "/ctx/.dockerignore", "/ctx/build", "/ctx/build/keep.txt", "/ctx/keep.txt", "/ctx/link",
                         "/ctx/src", "/ctx/src/deep", "/ctx/src/main.c", "/ctx/src/nested.log"])
        // The link arrived as a link, not as the host file it points to.
        #expect(try Harness.docker(["run", "--rm", "\(name)-app", "readlink", "/ctx/link"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "/etc/hostname")

        // The docker CLI, same daemon, same context: the same files.
        let docker = try Harness.run(["/usr/bin/env", "docker", "build", "-q", "-t", oracle, dir.path + "/ctx"], env: ["DOCKER_BUILDKIT": "0"])
        #expect(docker.code == 0, "\(docker)")
        #expect(try Self.files(in: oracle, "/ctx") == ours)
        #expect(try Harness.docker(["image", "inspect", "-f", "{{index .Config.Labels \"com.docker.compose.project\"}}", "\(name)-app"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines) == name)
    }

    @Test func buildArgsTargetsAndOutsideDockerfile() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scargs")
        let image = "\(name)-custom:v1"
        let log = Log()
        defer { Self.cleanup(project: name, images: [image, "\(name)-inline"], log: log) }
        let dockerfile = Self.base + """
        ARG GREETING=default
        ARG FROM_ENV=unset
        RUN echo "$GREETING" > /greeting && echo "$FROM_ENV" > /fromenv
        FROM \(Harness.image) AS final
        COPY --from=0 /greeting /fromenv /
        RUN echo final > /stage
        FROM \(Harness.image) AS other
        RUN echo other > /stage

        """
        let dir = try Harness.project([
            "compose.yaml": """
            services:
              app:
                image: \(image)
                build:
                  context: ./ctx
                  dockerfile: ../docker/app.Dockerfile
                  target: final
                  args:
                    GREETING: hello
                    FROM_ENV:
                  labels:
                    org.example.kind: test
              inline:
                build:
                  context: ./ctx
                  dockerfile_inline: |
                    FROM \(Harness.image)
                    RUN echo inline > /made
            """,
            "docker/app.Dockerfile": dockerfile,
            "ctx/data.txt": "data",
        ])
        let build = log.keep(try Harness.compose(["-p", name, "build"], in: dir, env: ["FROM_ENV": "from-the-environment"]))
        #expect(build.code == 0, "\(build)")
        let out = try Harness.docker(["run", "--rm", image, "cat", "/greeting", "/fromenv", "/stage"])
        #expect(out.stdout == "hello\nfrom-the-environment\nfinal\n", "\(out)")
        #expect(try Harness.docker(["image", "inspect", "-f", "{{index .Config.Labels \"org.example.kind\"}}", image])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "test")
        #expect(try Harness.docker(["run", "--rm", "\(name)-inline", "cat", "/made"]).stdout == "inline\n")

        // --build-arg overrides the file; the generated Dockerfile name never reaches the image.
        let again = log.keep(try Harness.compose(["-p", name, "build", "--build-arg", "GREETING=from-cli", "app"], in: dir))
        #expect(again.code == 0, "\(again)")
        #expect(try Harness.docker(["run", "--rm", image, "cat", "/greeting"]).stdout == "from-cli\n")
    }

    @Test func failingBuildNamesTheStepAndExitsOne() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scfail")
        defer { Self.cleanup(project: name, images: ["\(name)-broken"]) }
        let dir = try Harness.project([
            "compose.yaml": "services:\n  broken:\n    build: .\n",
            "Dockerfile": Self.base + "RUN echo about to fail && exit 3\n",
        ])
        let r = try Harness.compose(["-p", name, "build"], in: dir)
        #expect(r.code == 1, "\(r)")
        #expect(r.stderr.contains("service broken"), "\(r)")
        #expect(r.stderr.contains("at Step 2/") && r.stderr.contains(" : RUN echo about to fail && exit 3"), "\(r)")
        #expect(r.stderr.contains("returned a non-zero code: 3"), "\(r)")
        #expect(r.stdout.contains("about to fail"), "\(r)")

        let missing = try Harness.compose(["-p", name, "build", "nosuch"], in: dir)
        #expect(missing.code == 1)
        #expect(missing.stderr.contains("no such service: nosuch"), "\(missing)")
    }

    @Test func upBuildsMissingImagesAndRecreatesOnlyWhatChanged() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scupb")
        let log = Log()
        defer { Self.cleanup(project: name, images: ["\(name)-a", "\(name)-b"], log: log) }
        let compose = """
        services:
          a:
            build: ./a
            command: ["sleep", "2147483647"]
          b:
            build: ./b
            command: ["sleep", "2147483647"]
        """
        let dir = try Harness.project([
            "compose.yaml": compose,
            "a/Dockerfile": Self.base + "COPY file /file\n",
            "a/file": "one",
            "b/Dockerfile": Self.base + "COPY file /file\n",
            "b/file": "b",
        ])
        // First up builds both images (missing) and records their IDs on the containers.
        let up = log.keep(try Harness.compose(["-p", name, "up", "-d"], in: dir))
        #expect(up.code == 0, "\(up)")
        let first = try UpDownTests.ids(name)
        #expect(Set(first.keys) == ["\(name)-a-1", "\(name)-b-1"])
        let imageA1 = try Self.imageID("\(name)-a")
        #expect(try Harness.inspect("\(name)-a-1", "{{index .Config.Labels \"com.docker.compose.image\"}}") == imageA1)
        #expect(try Harness.inspect("\(name)-a-1", "{{.Image}}") == imageA1)

        // A changed context without --build: the image is present, nothing is rebuilt or recreated.
        try "two".write(to: dir.appendingPathComponent("a/file"), atomically: true, encoding: .utf8)
        let plain = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(plain.code == 0, "\(plain)")
        #expect(try UpDownTests.ids(name) == first)

        // --build rebuilds both; only a's image changed, so only a is recreated.
        let rebuilt = log.keep(try Harness.compose(["-p", name, "up", "-d", "--build"], in: dir))
        #expect(rebuilt.code == 0, "\(rebuilt)")
        let second = try UpDownTests.ids(name)
        #expect(second["\(name)-a-1"] != first["\(name)-a-1"])
        #expect(second["\(name)-b-1"] == first["\(name)-b-1"])
        let imageA2 = try Self.imageID("\(name)-a")
        #expect(imageA2 != imageA1)
        #expect(try Harness.inspect("\(name)-a-1", "{{index .Config.Labels \"com.docker.compose.image\"}}") == imageA2)
        #expect(try Harness.docker(["exec", "\(name)-a-1", "cat", "/file"]).stdout == "two")

        // Nothing changed: neither a second up nor a second --build touches a container.
        let again = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(again.code == 0, "\(again)")
        #expect(try UpDownTests.ids(name) == second)
        let againBuild = log.keep(try Harness.compose(["-p", name, "up", "-d", "--build"], in: dir))
        #expect(againBuild.code == 0, "\(againBuild)")
        #expect(try UpDownTests.ids(name) == second)

        let conflict = try Harness.compose(["-p", name, "up", "-d", "--build", "--no-build"], in: dir)
        #expect(conflict.code == 1)
        #expect(conflict.stderr.contains("--build and --no-build"), "\(conflict)")
        _ = try Harness.compose(["-p", name, "down"], in: dir)
    }

    @Test func pullPolicyBuildRebuildsOnEveryUpAndNoBuildRefusesMissingImages() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scpol")
        let log = Log()
        defer { Self.cleanup(project: name, images: ["\(name)-app", "\(name)-other"], log: log) }
        let dir = try Harness.project([
            "compose.yaml": """
            services:
              app:
                build: .
                pull_policy: build
                command: ["sleep", "2147483647"]
              other:
                build: .
                pull_policy: never
                command: ["sleep", "2147483647"]
            """,
            "Dockerfile": Self.base + "RUN echo policy > /policy\n",
        ])
        // --no-build with nothing built yet: a clear refusal, nothing created.
        let refused = try Harness.compose(["-p", name, "up", "-d", "--no-build"], in: dir)
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.stderr.contains("--no-build") && refused.stderr.contains("swiftcompose build"), "\(refused)")
        #expect(try Harness.containers(project: name).isEmpty)

        // pull_policy: never still builds a missing image; pull_policy: build builds every time.
        let up = log.keep(try Harness.compose(["-p", name, "up", "-d"], in: dir))
        #expect(up.code == 0, "\(up)")
        let first = try UpDownTests.ids(name)
        #expect(first.count == 2)
        let again = log.keep(try Harness.compose(["-p", name, "up", "-d"], in: dir))
        #expect(again.code == 0, "\(again)")
        #expect(again.stdout.contains("app") && again.stdout.contains("Step 1/"), "app is rebuilt: \(again)")
        #expect(!again.stdout.contains("other  |"), "other is not rebuilt: \(again)")
        // The rebuild hit the cache: same image, same containers.
        #expect(try UpDownTests.ids(name) == first)
        _ = try Harness.compose(["-p", name, "down"], in: dir)
    }

    @Test func pullWithoutRegistryExplainsAndExitsOne() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scpull")
        let image = "127.0.0.1:1/swiftcompose-test/\(name):latest"
        defer { Self.cleanup(project: name, images: []) }
        let dir = try Harness.project([
            "compose.yaml": "services:\n  remote:\n    image: \(image)\n",
        ])
        let pull = try Harness.compose(["-p", name, "pull"], in: dir)
        #expect(pull.code == 1, "\(pull)")
        #expect(pull.stderr.contains(image), "\(pull)")
        #expect(pull.stderr.contains("registry 127.0.0.1:1"), "\(pull)")
        #expect(pull.stderr.contains("build:"), "\(pull)")
        #expect(pull.stderr.contains("docker load"), "\(pull)")

        let ignored = try Harness.compose(["-p", name, "pull", "--ignore-pull-failures"], in: dir)
        #expect(ignored.code == 0, "\(ignored)")

        // up needs the image and says the same.
        let up = try Harness.compose(["-p", name, "up", "-d"], in: dir)
        #expect(up.code == 1, "\(up)")
        #expect(up.stderr.contains(image) && up.stderr.contains("docker load"), "\(up)")
        #expect(try Harness.containers(project: name).isEmpty)
    }

    @Test func pushWithoutRegistryExplainsAndExitsOne() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scpush")
        let image = "127.0.0.1:1/swiftcompose-test/\(name):v1"
        defer { Self.cleanup(project: name, images: [image]) }
        let dir = try Harness.project([
            "compose.yaml": "services:\n  app:\n    image: \(image)\n    build: .\n",
            "Dockerfile": Self.base + "RUN echo built > /built\n",
        ])
        let build = try Harness.compose(["-p", name, "build", "-q"], in: dir)
        #expect(build.code == 0, "\(build)")
        #expect(!build.stdout.contains("Step"), "quiet build prints nothing: \(build)")
        let push = try Harness.compose(["-p", name, "push"], in: dir)
        #expect(push.code == 1, "\(push)")
        #expect(push.stderr.contains(image) && push.stderr.contains("registry 127.0.0.1:1"), "\(push)")
        let ignored = try Harness.compose(["-p", name, "push", "--ignore-push-failures"], in: dir)
        #expect(ignored.code == 0, "\(ignored)")
    }

    @Test func downRmiRemovesBuiltImagesAndWithAllTheNamedOnes() throws {
        try Harness.requireDaemon()
        let name = Harness.uniqueName("scrmi")
        let built = "\(name)-app", named = "\(name)-named:1"
        let log = Log()
        defer { Self.cleanup(project: name, images: [built, named], log: log) }
        // The named image is another tag of the shared test image: removing it only untags.
        #expect(try Harness.docker(["tag", Harness.image, named]).code == 0)
        let dir = try Harness.project([
            "compose.yaml": """
                services:
                  app:
                    build: ./ctx
                    command: ["sleep", "2147483647"]
                    init: true
                  named:
                    image: \(named)
                    command: ["sleep", "2147483647"]
                    init: true
                """,
            "ctx/Dockerfile": Self.base,
        ])
        func exists(_ ref: String) throws -> Bool { try Harness.docker(["image", "inspect", ref]).code == 0 }

        let up = log.keep(try Harness.compose(["-p", name, "up", "-d"], in: dir))
        #expect(up.code == 0, "\(up)")
        #expect(try exists(built))
        let local = try Harness.compose(["-p", name, "down", "--rmi", "local"], in: dir)
        #expect(local.code == 0, "\(local)")
        #expect(local.stderr.contains("Image \(built):latest") && local.stderr.contains("Removed"), "\(local)")
        #expect(try !exists(built))
        #expect(try exists(named))

        let again = log.keep(try Harness.compose(["-p", name, "up", "-d"], in: dir))
        #expect(again.code == 0, "\(again)")
        // A container outside the project still uses the built image: it stays, with a warning, and down goes on.
        // (The container would inherit the image's project label: it gets one of its own.)
        let other = "\(name)-user"
        #expect(try Harness.docker(["run", "-d", "--name", other, "--label", "com.docker.compose.project=\(other)",
                                    built, "sleep", "2147483647"]).code == 0)
        defer { _ = try? Harness.docker(["rm", "-f", other]) }
        let all = try Harness.compose(["-p", name, "down", "--rmi", "all"], in: dir)
        #expect(all.code == 0, "\(all)")
        #expect(all.stderr.contains("Resource is still in use"), "\(all)")
        #expect(try exists(built))
        #expect(try !exists(named))
        #expect(try exists(Harness.image))
        #expect(try Harness.containers(project: name).isEmpty)

        _ = try Harness.docker(["rm", "-f", other])
        let last = try Harness.compose(["-p", name, "down", "--rmi", "local"], in: dir)
        #expect(last.code == 0, "\(last)")
        #expect(try !exists(built))
    }
}
