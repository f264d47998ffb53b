import Testing
@testable import EngineAPI

@Suite struct EngineErrorTests {
    @Test func decodesTheDaemonMessage() {
        let error = EngineError.daemon(status: 404, body: Array(#"{"message":"No such container: web"}"#.utf8),
                                       method: "GET", path: "/v1.41/containers/web/json")
        #expect(error.isNotFound)
        #expect(!error.isConflict)
        #expect(error.status == 404)
        #expect(error.message == "No such container: web")
        #expect(error.method == "GET")
        #expect(error.path == "/v1.41/containers/web/json")
        #expect(error.description == "Docker daemon error 404 (GET /v1.41/containers/web/json): No such container: web")
    }

    @Test func conflictAndNonJSONBodies() {
        let conflict = EngineError.daemon(status: 409, body: Array(#"{"message":"name in use"}"#.utf8), method: "POST", path: "/c")
        #expect(conflict.isConflict && !conflict.isNotFound)
        let text = EngineError.daemon(status: 500, body: Array("boom\n".utf8), method: "POST", path: "/c")
        #expect(text.message == "boom")
        let empty = EngineError.daemon(status: 502, body: [], method: "GET", path: "/c")
        #expect(empty.message.contains("502"))
    }

    @Test func publicFactoryForFakes() {
        let fake = EngineError.daemonAnswer(status: 409, message: "Conflict", method: "POST", path: "/containers/create")
        #expect(fake.isConflict && fake.message == "Conflict")
        #expect(EngineError.daemonAnswer(status: 404, message: "gone").isNotFound)
    }

    @Test func unreachableNamesDockerHostAndTheFix() {
        let error = EngineError.unreachable(host: .unix(path: "/nope.sock"), dockerHostValue: "unix:///nope.sock",
                                            reason: "no such socket file")
        #expect(error.isUnreachable)
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains("DOCKER_HOST=unix:///nope.sock"))
        #expect(error.description.contains("is the Docker daemon running?"))
        #expect(error.description.contains("sudo systemctl start docker"))
        let unset = EngineError.unreachable(host: .default, dockerHostValue: nil, reason: "connection refused")
        #expect(unset.description.contains("DOCKER_HOST is unset, using unix:///var/run/docker.sock"))
    }
}
