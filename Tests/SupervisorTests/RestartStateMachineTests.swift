import Testing
@testable import Supervisor

/// A clock instant the tests move by hand.
struct TestInstant: InstantProtocol {
    var offset: Duration
    func advanced(by d: Duration) -> TestInstant { TestInstant(offset: offset + d) }
    func duration(to other: TestInstant) -> Duration { other.offset - offset }
    static func < (a: TestInstant, b: TestInstant) -> Bool { a.offset < b.offset }
    static func at(_ seconds: Double) -> TestInstant { TestInstant(offset: .milliseconds(Int64(seconds * 1000))) }
}

@Suite struct BackoffTests {
    @Test(arguments: [
        (1, 100, 100), (2, 100, 200), (3, 100, 400), (10, 100, 51_200), (11, 100, 60_000), (100, 100, 60_000), (1, 90_000, 60_000),
    ])
    func doublesAndCaps(attempt: Int, baseMs: Int64, expectedMs: Int64) {
        #expect(restartBackoff(attempt: attempt, base: .milliseconds(baseMs), cap: .seconds(60)) == .milliseconds(expectedMs))
    }
}

@Suite struct RestartStateMachineTests {
    @Test func growingDelaysThenResetAfterAStableRun() {
        var m = RestartStateMachine<TestInstant>(rule: RestartRule())
        m.started(at: .at(0))
        #expect(m.exited(code: 1, at: .at(0.5)) == .restart(after: .milliseconds(100), attempt: 1))
        m.started(at: .at(0.6))
        #expect(m.exited(code: 1, at: .at(0.7)) == .restart(after: .milliseconds(200), attempt: 2))
        m.started(at: .at(1.0))
        #expect(m.exited(code: 1, at: .at(1.1)) == .restart(after: .milliseconds(400), attempt: 3))
        // Ran 10 s: the next failure starts over at the base delay.
        m.started(at: .at(2))
        #expect(m.exited(code: 1, at: .at(12)) == .restart(after: .milliseconds(100), attempt: 1))
    }

    @Test func maxAttemptsCountedInsideTheWindow() {
        let rule = RestartRule(condition: .onFailure, delay: .seconds(1), maxAttempts: 2, window: .seconds(30))
        var m = RestartStateMachine<TestInstant>(rule: rule)
        m.started(at: .at(0))
        #expect(m.exited(code: 2, at: .at(1)) == .restart(after: .seconds(1), attempt: 1))
        m.started(at: .at(2))
        #expect(m.exited(code: 2, at: .at(3)) == .restart(after: .seconds(2), attempt: 2))
        m.started(at: .at(5))
        guard case .giveUp(let reason) = m.exited(code: 2, at: .at(6)) else {
            Issue.record("expected to give up")
            return
        }
        #expect(reason.contains("2 restart attempts"))
        m.started(at: .at(7))
        #expect(m.exited(code: 2, at: .at(8)) == .none)
    }

    @Test func attemptsOutsideTheWindowAreForgotten() {
        let rule = RestartRule(delay: .seconds(1), maxAttempts: 1, window: .seconds(5))
        var m = RestartStateMachine<TestInstant>(rule: rule)
        m.started(at: .at(0))
        #expect(m.exited(code: 1, at: .at(1)) == .restart(after: .seconds(1), attempt: 1))
        m.started(at: .at(2))
        // 9 s after the first restart: it no longer counts.
        #expect(m.exited(code: 1, at: .at(10)) == .restart(after: .seconds(2), attempt: 2))
    }

    @Test func conditionsDecide() {
        var none = RestartStateMachine<TestInstant>(rule: RestartRule(condition: .none))
        none.started(at: .at(0))
        #expect(none.exited(code: 1, at: .at(1)) == .none)
        var onFailure = RestartStateMachine<TestInstant>(rule: RestartRule(condition: .onFailure))
        onFailure.started(at: .at(0))
        #expect(onFailure.exited(code: 0, at: .at(1)) == .none)
        var any = RestartStateMachine<TestInstant>(rule: RestartRule(condition: .any))
        any.started(at: .at(0))
        #expect(any.exited(code: 0, at: .at(1)) == .restart(after: .milliseconds(100), attempt: 1))
    }

    @Test func unhealthyHealsUnlessOptedOut() {
        var heal = RestartStateMachine<TestInstant>(rule: RestartRule())
        heal.started(at: .at(0))
        #expect(heal.unhealthy(at: .at(30)) == .restart(after: .milliseconds(100), attempt: 1))
        // While a restart is pending, repeated reports do not stack restarts.
        #expect(heal.unhealthy(at: .at(30.05)) == .none)
        var optOut = RestartStateMachine<TestInstant>(rule: RestartRule(healUnhealthy: false))
        optOut.started(at: .at(0))
        #expect(optOut.unhealthy(at: .at(30)) == .none)
    }

    @Test func userStopForgetsHistory() {
        var m = RestartStateMachine<TestInstant>(rule: RestartRule(maxAttempts: 1))
        m.started(at: .at(0))
        _ = m.exited(code: 1, at: .at(1))
        m.stoppedByUser()
        #expect(m.restartCount == 0)
        m.started(at: .at(2))
        #expect(m.exited(code: 1, at: .at(3)) == .restart(after: .milliseconds(100), attempt: 1))
    }
}
