import Testing
import ComposeModel
@testable import Supervisor

@Suite struct RestartRuleFromServiceTests {
    static func service(_ configure: (inout Service) -> Void) -> Service {
        var s = Service(name: "web")
        configure(&s)
        return s
    }

    @Test func deployRestartPolicyIsEnforcedByTheSupervisor() {
        let rule = RestartRule(service: Self.service {
            var d = DeployConfig()
            d.restartPolicy = .init(condition: "on-failure", delay: ComposeDuration(seconds: 2), maxAttempts: 3,
                                    window: ComposeDuration(seconds: 120))
            $0.deploy = d
        })
        #expect(rule.condition == .onFailure)
        #expect(rule.delay == .seconds(2))
        #expect(rule.maxAttempts == 3)
        #expect(rule.window == .seconds(120))
        #expect(rule.maxDelay == .seconds(60))
    }

    @Test(arguments: [("any", RestartRule.Condition.any), ("none", .none), ("on-failure", .onFailure)])
    func conditions(text: String, expected: RestartRule.Condition) {
        let rule = RestartRule(service: Self.service {
            var d = DeployConfig()
            d.restartPolicy = .init(condition: text)
            $0.deploy = d
        })
        #expect(rule.condition == expected)
        #expect(rule.delay == .milliseconds(100))
    }

    @Test func engineRestartLeavesExitsToTheEngine() {
        #expect(RestartRule(service: Self.service { $0.restart = "always" }).condition == .none)
        // `restart: "no"` and nothing at all: killed replicas come back, program exits stay.
        #expect(RestartRule(service: Self.service { $0.restart = "no" }).condition == .killed)
        #expect(RestartRule(service: Self.service { _ in }).condition == .killed)
    }

    @Test func xSuperviseTunesHealingAndBackoff() {
        let rule = RestartRule(service: Self.service {
            $0.extensions["x-supervise"] = .object(["heal": .bool(false), "max_delay": .string("5s"), "reset_after": .string("30s")])
        })
        #expect(rule.healUnhealthy == false)
        #expect(rule.maxDelay == .seconds(5))
        #expect(rule.resetAfter == .seconds(30))
    }

    @Test func killedConditionRestartsOnlySignalDeaths() {
        var m = RestartStateMachine<TestInstant>(rule: RestartRule(condition: .killed))
        m.started(at: .at(0))
        #expect(m.exited(code: 1, at: .at(1)) == .none)
        m.started(at: .at(2))
        #expect(m.exited(code: 137, at: .at(3)) == .restart(after: .milliseconds(100), attempt: 1))
    }

    @Test func restoredHistoryKeepsAGivenUpContainerStopped() {
        var m = RestartStateMachine<TestInstant>(rule: RestartRule(maxAttempts: 2))
        m.restore(restarts: 2, gaveUp: "exited with code 3; gave up", at: .at(0))
        #expect(m.state == .gaveUp(reason: "exited with code 3; gave up"))
        m.started(at: .at(1))
        #expect(m.exited(code: 3, at: .at(2)) == .none)
    }
}

@Suite struct WorkQueueTests {
    @Test func aKeyIsQueuedOnceHoweverOftenItIsAdded() async {
        let q = WorkQueue<String>()
        await q.add("web")
        await q.add("web")
        await q.add("db")
        #expect(await q.count == 2)
        #expect(await q.next() == "web")
        #expect(await q.next() == "db")
    }

    @Test func aKeyAddedWhileWorkedOnRunsAgainAfterwardsNotTwiceAtOnce() async {
        let q = WorkQueue<String>(minInterval: .zero)
        await q.add("web")
        #expect(await q.next() == "web")
        await q.add("web")  // while processing: not handed out again yet
        #expect(await q.count == 0)
        await q.done("web")
        #expect(await q.next() == "web")
        await q.done("web")
        #expect(await q.count == 0)
    }

    @Test func shutdownWakesWaitingWorkers() async {
        let q = WorkQueue<String>()
        async let waiting = q.next()
        await q.shutdown()
        #expect(await waiting == nil)
        await q.add("web")
        #expect(await q.next() == nil)
    }
}

@Suite struct SupervisorTextTests {
    @Test func eventsSinceKeepsNanoseconds() {
        #expect(EventWatcher.since(nanoseconds: 1_700_000_000_000_000_001) == "1700000000.000000001")
        #expect(EventWatcher.since(nanoseconds: 1_700_000_000_500_000_000) == "1700000000.500000000")
    }

    @Test func temporaryNamesOfReplacementsAreRecognised() {
        #expect(Supervisor.isTemporaryName("0123456789ab_demo-web-1"))
        #expect(!Supervisor.isTemporaryName("demo-web-1"))
        #expect(!Supervisor.isTemporaryName("0123456789xy_demo-web-1"))
    }

    @Test func scaleFileRoundTrips() {
        #expect(ScaleFile.decode(ScaleFile.encode(["web": 3, "db": 1])) == ["web": 3, "db": 1])
        #expect(ScaleFile.decode(Array("not json".utf8)) == nil)
    }
}
