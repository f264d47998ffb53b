import Foundation
import Testing
@testable import SwiftComposeCLI
import EngineAPI

/// Pure formatting of the lifecycle commands, compared with what Docker Compose prints.
@Suite struct OutputFormattingTests {
    @Test func tableWriterPadsLikeGoTabwriter() {
        let text = TableWriter.containers.render([["NAME", "IMAGE", "PORTS"], ["demo-web-1", "busybox", ""]])
        // Column width = max(widest cell + 3, 10); the last cell is not padded.
        #expect(text == "NAME         IMAGE     PORTS\ndemo-web-1   busybox   \n")
        #expect(TableWriter.top.render([["SERVICE", "#", "CMD"], ["web", "1", "httpd"]]) == "SERVICE  #   CMD\nweb      1   httpd\n")
        #expect(TableWriter.pretty.render(text: "A\tB\nxx\tyy\n") == "A                   B\nxx                  yy\n")
    }

    @Test func humanDurationAndSize() {
        #expect(DisplayText.humanDuration(0.5) == "Less than a second")
        #expect(DisplayText.humanDuration(1) == "1 second")
        #expect(DisplayText.humanDuration(42) == "42 seconds")
        #expect(DisplayText.humanDuration(90) == "About a minute")
        #expect(DisplayText.humanDuration(600) == "10 minutes")
        #expect(DisplayText.humanDuration(3600) == "About an hour")
        #expect(DisplayText.humanDuration(5 * 3600) == "5 hours")
        #expect(DisplayText.humanDuration(3 * 86400) == "3 days")
        #expect(DisplayText.humanDuration(20 * 86400) == "2 weeks")
        #expect(DisplayText.humanDuration(100 * 86400) == "3 months")
        #expect(DisplayText.humanDuration(800 * 86400) == "2 years")
        #expect(DisplayText.humanSize(0) == "0B")
        #expect(DisplayText.humanSize(999) == "999B")
        #expect(DisplayText.humanSize(4_864_000) == "4.86MB")
        #expect(DisplayText.humanSize(1_200_000_000) == "1.2GB")
    }

    @Test func portsAreGroupedLikeDockerPs() {
        typealias P = DisplayText.Port
        #expect(DisplayText.ports([P(ip: "127.0.0.1", privatePort: 80, publicPort: 8080, type: "tcp")]) == "127.0.0.1:8080->80/tcp")
        #expect(DisplayText.ports([P(ip: "", privatePort: 9001, publicPort: 0, type: "tcp"),
                                   P(ip: "", privatePort: 9000, publicPort: 0, type: "tcp")]) == "9000-9001/tcp")
        #expect(DisplayText.ports([P(ip: "0.0.0.0", privatePort: 53, publicPort: 53, type: "udp")]) == "0.0.0.0:53->53/udp")
        #expect(DisplayText.ports([P(ip: "::", privatePort: 80, publicPort: 8080, type: "tcp"),
                                   P(ip: "", privatePort: 443, publicPort: 0, type: "tcp")]) == "443/tcp, [::]:8080->80/tcp")
        #expect(DisplayText.ports([]) == "")
    }

    @Test func ellipsisQuoteAndIDs() {
        #expect(DisplayText.ellipsis("sh -c 'while true; do sleep 1; done'", 20) == "sh -c 'while true; …")
        #expect(DisplayText.ellipsis("short", 20) == "short")
        #expect(DisplayText.goQuote("echo \"hi\"") == "\"echo \\\"hi\\\"\"")
        #expect(DisplayText.shortID("sha256:0123456789abcdef0123") == "0123456789ab")
        #expect(DisplayText.goTime(0, zone: TimeZone(identifier: "UTC")!) == "1970-01-01 00:00:00 +0000 UTC")
    }

    @Test func formatTemplates() throws {
        let t = try FormatTemplate.parse("table {{.Name}}\\t{{ .Status }}")
        #expect(t.isTable)
        #expect(t.pieces == [.field("Name"), .text("\t"), .field("Status")])
        let fields: [(String, JSONOutput)] = [("Name", .string("demo-web-1")), ("Status", .string("Up 2 seconds")), ("ExitCode", .int(0))]
        #expect(try t.render(fields: fields, labels: [:]) == "demo-web-1\tUp 2 seconds")
        #expect(t.header(["Name": "NAME"]) == "NAME\tSTATUS")
        let j = try FormatTemplate.parse("{{json .}}")
        #expect(try j.render(fields: fields, labels: [:]) == #"{"ExitCode":0,"Name":"demo-web-1","Status":"Up 2 seconds"}"#)
        let l = try FormatTemplate.parse(#"{{.Label "com.docker.compose.service"}}/{{json .Name}}"#)
        #expect(try l.render(fields: fields, labels: ["com.docker.compose.service": "web"]) == #"web/"demo-web-1""#)
        #expect(throws: CommandFailure.self) { try FormatTemplate.parse("{{.Name") }
        #expect(throws: CommandFailure.self) { try FormatTemplate.parse("{{range .}}") }
        #expect(throws: CommandFailure.self) { try FormatTemplate.parse("{{.Nope}}").render(fields: fields, labels: [:]) }
    }

    static func container(_ json: String) throws -> ContainerSummary {
        try JSONDecoder().decode(ContainerSummary.self, from: Data(json.utf8))
    }

    static let web = """
        {"Id":"0123456789abcdef0123456789abcdef","Names":["/demo-web-1"],"Image":"nginx","ImageID":"sha256:aa",
         "Command":"/docker-entrypoint.sh nginx -g 'daemon off;'","Created":1000,"State":"running","Status":"Up 5 minutes (healthy)",
         "Ports":[{"IP":"127.0.0.1","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}],
         "Labels":{"com.docker.compose.project":"demo","com.docker.compose.service":"web","com.docker.compose.container-number":"1"},
         "Mounts":[{"Type":"volume","Name":"demo_data","Driver":"local","Destination":"/data"}],
         "NetworkSettings":{"Networks":{"demo_default":{}}}}
        """
    static let worker = """
        {"Id":"fedcba9876543210","Names":["/demo-worker-1"],"Image":"busybox","Command":"sleep 1","Created":1000,
         "State":"exited","Status":"Exited (137) 2 seconds ago",
         "Labels":{"com.docker.compose.project":"demo","com.docker.compose.service":"worker","com.docker.compose.container-number":"1"}}
        """

    @Test func psTableJSONAndQuiet() throws {
        let containers = [try Self.container(Self.web), try Self.container(Self.worker)]
        let now = Date(timeIntervalSince1970: 1000 + 300)
        let table = try PsCommand.render(containers, quiet: false, services: false, format: nil, truncate: true, now: now)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0] == "NAME            IMAGE     COMMAND                  SERVICE   CREATED         STATUS                       PORTS")
        #expect(lines[1] == "demo-web-1      nginx     \"/docker-entrypoint.…\"   web       5 minutes ago   Up 5 minutes (healthy)       127.0.0.1:8080->80/tcp")
        #expect(lines[2] == "demo-worker-1   busybox   \"sleep 1\"                worker    5 minutes ago   Exited (137) 2 seconds ago   ")

        let json = try PsCommand.render(containers, quiet: false, services: false, format: "json", truncate: true, now: now)
        let objects = try json.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.count == 2)
        #expect(objects[0]["Name"] as? String == "demo-web-1")
        #expect(objects[0]["Health"] as? String == "healthy")
        #expect(objects[0]["ID"] as? String == "0123456789ab")
        #expect(objects[0]["Networks"] as? String == "demo_default")
        #expect(objects[0]["LocalVolumes"] as? String == "1")
        #expect(objects[1]["ExitCode"] as? Int == 137)
        #expect(json.hasPrefix(#"{"Command":"\"/docker-entrypoint.…\"","CreatedAt":"#))
        #expect(json.contains(#""Publishers":[{"URL":"127.0.0.1","TargetPort":80,"PublishedPort":8080,"Protocol":"tcp"}]"#))

        #expect(try PsCommand.render(containers, quiet: true, services: false, format: nil, truncate: true) ==
                "0123456789abcdef0123456789abcdef\nfedcba9876543210\n")
        #expect(try PsCommand.render(containers, quiet: false, services: true, format: nil, truncate: true) == "web\nworker\n")
        #expect(try PsCommand.render(containers, quiet: false, services: false, format: "{{.Service}}:{{.ExitCode}}", truncate: true) ==
                "web:0\nworker:137\n")
        let untruncated = try PsCommand.render(containers, quiet: false, services: false, format: "{{.Command}}", truncate: false)
        #expect(untruncated.hasPrefix("\"/docker-entrypoint.sh nginx -g 'daemon off;'\""))
    }

    @Test func containerNamesAndLabels() throws {
        let web = try Self.container(Self.web)
        #expect(web.nameWithoutProject == "web-1")
        #expect(web.health == "healthy")
        let custom = try Self.container(#"{"Id":"x","Names":["/my-db"],"Labels":{"com.docker.compose.project":"demo","com.docker.compose.service":"db","com.docker.compose.container-number":"1","com.docker.compose.depends_on":"cache:service_healthy:false,queue:service_started:true"}}"#)
        #expect(custom.nameWithoutProject == "my-db")
        #expect(custom.dependsOnLabel == ["cache", "queue"])
    }

    @Test func lsStacksAndRender() throws {
        let containers = [try Self.container(Self.web), try Self.container(Self.worker),
                          try Self.container(#"{"Id":"y","Names":["/other-a-1"],"State":"running","Labels":{"com.docker.compose.project":"other","com.docker.compose.project.config_files":"/srv/other/compose.yaml"}}"#)]
        let stacks = LsCommand.stacks(containers)
        #expect(stacks == [LsCommand.Stack(name: "demo", status: "exited(1), running(1)", configFiles: ""),
                           LsCommand.Stack(name: "other", status: "running(1)", configFiles: "/srv/other/compose.yaml")])
        #expect(LsCommand.render(stacks, quiet: true, json: false) == "demo\nother\n")
        #expect(LsCommand.render(stacks, quiet: false, json: true) ==
                #"[{"Name":"demo","Status":"exited(1), running(1)","ConfigFiles":""},{"Name":"other","Status":"running(1)","ConfigFiles":"/srv/other/compose.yaml"}]"# + "\n")
        let table = LsCommand.render(stacks, quiet: false, json: false)
        #expect(table.hasPrefix("NAME                STATUS                  CONFIG FILES\ndemo                exited(1), running(1)   \n"))
        #expect(LsCommand.matches("^dem", "demo"))
        #expect(!LsCommand.matches("^emo", "demo"))
    }

    @Test func topPutsCmdLast() {
        let top = ContainerTop(titles: ["UID", "PID", "CMD", "TIME"], processes: [["root", "1", "httpd -f", "0:00"]])
        #expect(TopCommand.render([(service: "web", replica: "1", top: top)]) ==
                "SERVICE  #   UID   PID  TIME  CMD\nweb      1   root  1    0:00  httpd -f\n")
        #expect(TopCommand.render([]) == "")
    }

    @Test func eventsTextAndJSON() throws {
        let event = try JSONDecoder().decode(EngineEvent.self, from: Data("""
            {"Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"name":"demo-web-1","image":"nginx",
             "com.docker.compose.service":"web","com.docker.compose.project":"demo"}},"time":1700000000,"timeNano":1700000000123456000}
            """.utf8))
        let utc = TimeZone(identifier: "UTC")!
        #expect(EventsCommand.line(event, services: [], json: false, zone: utc) ==
                "2023-11-14 22:13:20.123456 container start abc (image=nginx, name=demo-web-1)")
        #expect(EventsCommand.line(event, services: [], json: true, zone: utc) ==
                #"{"action":"start","attributes":{"image":"nginx","name":"demo-web-1"},"id":"abc","service":"web","time":"2023-11-14T22:13:20.123456Z","type":"container"}"#)
        #expect(EventsCommand.line(event, services: ["db"], json: false) == nil)
    }

    @Test func scaleSpecifiersAndVersion() throws {
        let pairs = try ScaleCommand.parse(["web=3", "db=0"])
        #expect(pairs.map(\.0) == ["web", "db"])
        #expect(pairs.map(\.1) == [3, 0])
        #expect(throws: (any Error).self) { try ScaleCommand.parse(["web"]) }
        #expect(throws: (any Error).self) { try ScaleCommand.parse(["web=-1"]) }
        #expect(VersionCommand.text(short: true, json: false) == VersionCommand.current)
        #expect(VersionCommand.text(short: false, json: true) == #"{"version":"v\#(VersionCommand.current)"}"#)
    }

    @Test func imagesRowsAndOutput() throws {
        let image = try JSONDecoder().decode(ImageInspect.self, from: Data("""
            {"Id":"sha256:0123456789abcdef","RepoTags":["other:1","swiftcompose/busybox:latest"],"Created":"2024-01-02T03:04:05.123456789Z",
             "Os":"linux","Architecture":"amd64","Size":1200000}
            """.utf8))
        let row = ImagesCommand.row(container: "demo-web-1", reference: "swiftcompose/busybox", image: image)
        #expect(row.repository == "swiftcompose/busybox")
        #expect(row.tag == "latest")
        #expect(row.platform == "linux/amd64")
        #expect(row.created == Date(timeIntervalSince1970: 1704164645))
        let now = Date(timeIntervalSince1970: 1704164645 + 7200)
        #expect(ImagesCommand.render([row], quiet: false, json: false, now: now) ==
                "CONTAINER           REPOSITORY             TAG                 PLATFORM            IMAGE ID            SIZE                CREATED\n"
                + "demo-web-1          swiftcompose/busybox   latest              linux/amd64         0123456789ab        1.2MB               2 hours ago\n")
        #expect(ImagesCommand.render([row, row], quiet: true, json: false) == "0123456789abcdef\n")
    }
}

@Suite struct ShorthandTests {
    @Test func logsAndRmShortFlagsBecomeLongAfterTheSubcommand() {
        #expect(GlobalOptions.expandSubcommandShorthands(["-f", "a.yml", "logs", "-f", "web"]) == ["-f", "a.yml", "logs", "--follow", "web"])
        #expect(GlobalOptions.expandSubcommandShorthands(["logs", "-ft"]) == ["logs", "--follow", "-t"])
        #expect(GlobalOptions.expandSubcommandShorthands(["-p", "x", "rm", "-fsv"]) == ["-p", "x", "rm", "--force", "-s", "-v"])
        #expect(GlobalOptions.expandSubcommandShorthands(["rm", "-s", "--", "-f"]) == ["rm", "-s", "--", "-f"])
        // Other subcommands keep -f (the compose file).
        #expect(GlobalOptions.expandSubcommandShorthands(["up", "-f", "a.yml"]) == ["up", "-f", "a.yml"])
        #expect(GlobalOptions.expandSubcommandShorthands(["version", "-f", "json"]) == ["version", "--format", "json"])
        #expect(GlobalOptions.expandSubcommandShorthands(["ps", "--orphans=false"]) == ["ps", "--no-orphans"])
        #expect(GlobalOptions.expandSubcommandShorthands(["ps", "--orphans=true", "-a"]) == ["ps", "--orphans", "-a"])
    }

    @Test func runShortPFlagPublishesUpToTheServiceName() {
        #expect(GlobalOptions.expandSubcommandShorthands(["run", "-p", "8080:80", "web", "ls", "-p"])
                == ["run", "--publish", "8080:80", "web", "ls", "-p"])
        // The project's -p goes before `run`; values of run's own options are not the service.
        #expect(GlobalOptions.expandSubcommandShorthands(["-p", "proj", "run", "-e", "A=1", "-p9000:90", "--rm", "-p=1:1", "web", "-p", "x"])
                == ["-p", "proj", "run", "-e", "A=1", "--publish=9000:90", "--rm", "--publish=1:1", "web", "-p", "x"])
        #expect(GlobalOptions.expandSubcommandShorthands(["run", "--name", "-p", "web"]) == ["run", "--name", "-p", "web"])
        #expect(GlobalOptions.expandSubcommandShorthands(["run", "--", "-p", "web"]) == ["run", "--", "-p", "web"])
        // Hoisted, the project name stays the global one.
        #expect(GlobalOptions.hoist(GlobalOptions.expandSubcommandShorthands(["-p", "proj", "run", "-p", "80", "web"]))
                == ["run", "-p", "proj", "--publish", "80", "web"])
    }
}

@Suite struct DependencyOrderTests {
    static func container(_ name: String, _ service: String, dependsOn: String = "") throws -> ContainerSummary {
        try JSONDecoder().decode(ContainerSummary.self, from: Data("""
            {"Id":"\(name)","Names":["/\(name)"],"State":"running","Labels":{"com.docker.compose.project":"demo",
             "com.docker.compose.service":"\(service)","com.docker.compose.container-number":"1","com.docker.compose.depends_on":"\(dependsOn)"}}
            """.utf8))
    }

    /// Without a compose file the order comes from the containers' depends_on labels.
    @Test func levelsFromLabels() throws {
        let scope = LifecycleScope(name: "demo", project: nil, context: try CommandContext(global: GlobalOptions.parse([])))
        let containers = [try Self.container("demo-web-1", "web", dependsOn: "api:service_started:false"),
                          try Self.container("demo-api-1", "api", dependsOn: "db:service_healthy:false,cache:service_started:true"),
                          try Self.container("demo-db-1", "db"), try Self.container("demo-cache-1", "cache")]
        let levels = scope.startLevels(containers).map { Set($0) }
        #expect(levels == [["db", "cache"], ["api"], ["web"]])
        #expect(scope.batches(containers, reverse: true).map { $0.map(\.service) }.first == ["web"])
        #expect(scope.batches(containers).last?.map(\.name) == ["demo-web-1"])
    }
}
