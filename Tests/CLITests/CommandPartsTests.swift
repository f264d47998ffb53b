import Testing
import ArgumentParser
import ComposeModel
@testable import SwiftComposeCLI

@Suite struct CommandPartsTests {
    @Test func cpArgumentsTellContainerFromLocal() throws {
        let out = try CpPaths(source: "web:/etc/hosts", destination: "./hosts")
        #expect(out.service == "web")
        #expect(out.direction == .fromContainer("/etc/hosts", "./hosts"))
        let into = try CpPaths(source: "/tmp/a", destination: "db:/data/")
        #expect(into.service == "db")
        #expect(into.direction == .toContainer("/tmp/a", "/data/"))
        #expect(CpPaths.split("dir/a:b") == nil)
        #expect(CpPaths.split("-") == nil)
        #expect(throws: ValidationError.self) { try CpPaths(source: "a:/x", destination: "b:/y") }
        #expect(throws: ValidationError.self) { try CpPaths(source: "a", destination: "b") }
        #expect(throws: ValidationError.self) { try CpPaths(source: "web:", destination: "b") }
    }

    @Test func detachKeysParseAndMatch() {
        #expect(DetachKeyMatcher.parse("ctrl-p,ctrl-q") == [16, 17])
        #expect(DetachKeyMatcher.parse("a,ctrl-[") == [97, 27])
        #expect(DetachKeyMatcher.parse("ctrl-") == nil)
        var m = DetachKeyMatcher(keys: [16, 17])
        #expect(m.feed([1, 2, 16]) == ([1, 2], false))  // Held back: may be a detach.
        #expect(m.feed([3]) == ([16, 3], false))  // Was not: released.
        #expect(m.feed([16, 16, 17]) == ([16], true))
    }

    @Test func execEnvironmentTakesBareNamesFromOurs() {
        #expect(ExecCommand.resolveEnvironment(["A=1", "B", "C"], from: ["B": "2"]) == ["A=1", "B=2"])
    }

    @Test func runOverridesFollowCompose() throws {
        var project = Project(name: "p", workingDir: "/work/proj")
        var s = Service(name: "web")
        s.command = ["httpd"]
        s.ports = try PortParser.parse("8080:80")
        s.restart = "always"
        project.services["web"] = s

        var o = RunOverrides()
        o.command = ["sh", "-c", "exit 4"]
        o.environment = ["X=1"]
        o.labels = ["k=v"]
        o.volumes = ["./data:/data"]
        let out = try o.apply(to: s, project: project)
        #expect(out.command == ["sh", "-c", "exit 4"])
        #expect(out.ports.isEmpty)  // Not published without --service-ports.
        #expect(out.restart == nil)
        #expect(out.environment["X"] == "1")
        #expect(out.labels["k"] == "v")
        #expect(out.volumes.last?.source == "/work/proj/data")

        var keep = RunOverrides()
        keep.servicePorts = true
        #expect(try keep.apply(to: s, project: project).ports.count == 1)

        var ep = RunOverrides()
        ep.entrypoint = "sh -c"
        let withEntrypoint = try ep.apply(to: s, project: project)
        #expect(withEntrypoint.entrypoint == ["sh", "-c"])
        #expect(withEntrypoint.command == [])  // An entrypoint override drops the service's command.

        var caps = RunOverrides()
        caps.capAdd = ["NET_ADMIN"]
        caps.capDrop = ["CHOWN"]
        var withCaps = s
        withCaps.capDrop = ["NET_ADMIN"]
        withCaps.capAdd = ["CHOWN", "SYS_TIME"]
        let capped = try caps.apply(to: withCaps, project: project)
        #expect(capped.capAdd == ["SYS_TIME", "NET_ADMIN"])
        #expect(capped.capDrop == ["CHOWN"])

        var bad = RunOverrides()
        bad.labels = ["novalue"]
        #expect(throws: RunOverrides.Failure.self) { try bad.apply(to: s, project: project) }
    }

    @Test func oneOffNamesAreComposeShaped() {
        let slug = RunOverrides.randomSlug()
        #expect(slug.count == 64 && slug.allSatisfy(\.isHexDigit))
        #expect(RunOverrides.containerName(project: "p", service: "web", slug: slug) == "p-web-run-" + slug.prefix(12))
    }
}
