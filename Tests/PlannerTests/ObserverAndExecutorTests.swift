import Foundation
import Testing
import ComposeModel
import EngineAPI
@testable import StateObserver
@testable import Executor

@Suite struct StateObserverParsingTests {
    func summary(_ json: String) throws -> ContainerSummary {
        try JSONDecoder().decode(ContainerSummary.self, from: Data(json.utf8))
    }

    @Test func healthyRunningContainer() throws {
        let c = try #require(StateObserver.container(summary("""
            {"Id": "abc", "Names": ["/demo-db-1"], "ImageID": "sha256:1", "State": "running",
             "Status": "Up 3 seconds (healthy)",
             "Labels": {"com.docker.compose.project": "demo", "com.docker.compose.service": "db",
                        "com.docker.compose.container-number": "1", "com.docker.compose.config-hash": "h"},
             "NetworkSettings": {"Networks": {"demo_default": {}, "demo_back": {}}},
             "Mounts": [{"Type": "volume", "Name": "demo_data", "Destination": "/data"}]}
            """)))
        #expect(c.name == "demo-db-1")
        #expect(c.service == "db" && c.number == 1 && c.configHash == "h")
        #expect(c.state == .running && c.health == .healthy && c.exitCode == nil)
        #expect(c.networks == ["demo_back", "demo_default"])
        #expect(c.mounts == [ObservedMount(type: "volume", name: "demo_data", destination: "/data")])
        #expect(c.imageID == "sha256:1")
    }

    @Test(arguments: [
        ("exited", "Exited (0) 2 minutes ago", ObservedContainer.State.exited, 0, nil),
        ("exited", "Exited (137) 5 seconds ago", .exited, 137, nil),
        ("running", "Up 2 seconds (health: starting)", .running, nil, ObservedContainer.Health.starting),
        ("running", "Up 1 minute (unhealthy)", .running, nil, .unhealthy),
        ("created", "Created", .created, nil, nil),
    ] as [(String, String, ObservedContainer.State, Int?, ObservedContainer.Health?)])
    func statusText(_ state: String, _ status: String, _ expected: ObservedContainer.State, _ code: Int?,
                    _ health: ObservedContainer.Health?) throws {
        let c = try #require(StateObserver.container(summary("""
            {"Id": "abc", "Names": ["/x"], "State": "\(state)", "Status": "\(status)"}
            """)))
        #expect(c.state == expected)
        #expect(c.exitCode == code)
        #expect(c.health == health)
    }

    @Test func anonymousVolumeNames() {
        #expect(ObservedMount(type: "volume", name: String(repeating: "a1", count: 32), destination: "/x").isAnonymousVolume)
        #expect(!ObservedMount(type: "volume", name: "demo_data", destination: "/x").isAnonymousVolume)
        #expect(!ObservedMount(type: "bind", name: "", destination: "/x").isAnonymousVolume)
    }
}

@Suite struct ExecutorConditionTests {
    func state(_ json: String) throws -> ContainerState {
        try JSONDecoder().decode(ContainerState.self, from: Data(json.utf8))
    }

    func judge(_ json: String, _ condition: ServiceDependency.Condition, healthcheck: Bool = true) throws -> String {
        switch Executor.judge(try state(json), condition: condition, hasHealthcheck: healthcheck, container: "demo-db-1", service: "db") {
        case .satisfied(let s): return "ok " + s
        case .pending: return "pending"
        case .failed(let m): return "failed " + m
        }
    }

    @Test func started() throws {
        #expect(try judge(#"{"Status": "created"}"#, .serviceStarted) == "pending")
        #expect(try judge(#"{"Status": "running"}"#, .serviceStarted) == "ok Started")
        #expect(try judge(#"{"Status": "exited", "ExitCode": 1}"#, .serviceStarted) == "ok Started")
    }

    @Test func healthy() throws {
        #expect(try judge(#"{"Status": "running", "Health": {"Status": "starting"}}"#, .serviceHealthy) == "pending")
        #expect(try judge(#"{"Status": "running", "Health": {"Status": "healthy"}}"#, .serviceHealthy) == "ok Healthy")
        #expect(try judge(#"{"Status": "running", "Health": {"Status": "unhealthy"}}"#, .serviceHealthy)
                == "failed dependency failed to start: container demo-db-1 is unhealthy")
        #expect(try judge(#"{"Status": "exited", "ExitCode": 2}"#, .serviceHealthy)
                == "failed dependency failed to start: container demo-db-1 exited (2)")
        #expect(try judge(#"{"Status": "running"}"#, .serviceHealthy, healthcheck: false)
                == "failed dependency failed to start: container demo-db-1 has no healthcheck configured")
    }

    @Test func completedSuccessfully() throws {
        #expect(try judge(#"{"Status": "running"}"#, .serviceCompletedSuccessfully) == "pending")
        #expect(try judge(#"{"Status": "exited", "ExitCode": 0}"#, .serviceCompletedSuccessfully) == "ok Exited")
        #expect(try judge(#"{"Status": "exited", "ExitCode": 3}"#, .serviceCompletedSuccessfully)
                == "failed service \"db\" didn't complete successfully: exit 3")
    }
}
