import Foundation
import Testing
import EngineAPI

/// Integration tests run when /var/run/docker.sock answers `/_ping`; with `CI=true` they always run, so a
/// missing daemon fails them instead of skipping them silently.
enum Daemon {
    static let image = "swiftcompose-test/busybox:latest"
    /// Every object these tests create starts with this, so cleanup never touches anything else.
    static let prefix = "sctest-engine-" + String(UInt32.random(in: .min ... .max), radix: 16)
    static let testLabel = "swiftcompose.test.engineapi"

    static let probe = Task<Bool, Never> {
        guard let client = try? EngineClient(host: .default) else { return false }
        return (try? await client.ping()) != nil
    }

    static var shouldRun: Bool {
        get async { await probe.value || ProcessInfo.processInfo.environment["CI"] == "true" }
    }

    static let client: EngineClient = try! EngineClient(host: .default)

    static func name(_ suffix: String) -> String {
        "\(prefix)-\(suffix)-\(UInt16.random(in: .min ... .max))"
    }

    /// Creates (not starts) a busybox container labelled for cleanup.
    static func createContainer(_ suffix: String, cmd: [String], tty: Bool = false,
                                labels: [String: String] = [:], openStdin: Bool = false,
                                stdinOnce: Bool = false) async throws -> (id: String, name: String) {
        let name = name(suffix)
        var allLabels = labels
        if allLabels[testLabel] == nil { allLabels[testLabel] = prefix }
        let body = ContainerCreateBody(config: ContainerConfig(tty: tty, openStdin: openStdin, stdinOnce: stdinOnce, cmd: cmd, image: image, labels: allLabels))
        let created = try await client.createContainer(name: name, body: body)
        return (created.id, name)
    }

    static func remove(_ id: String) async {
        try? await client.removeContainer(id, force: true, volumes: true)
    }
}

extension Trait where Self == ConditionTrait {
    static var needsDaemon: Self {
        .enabled("needs a Docker daemon at /var/run/docker.sock (or CI=true, to fail without one)") { await Daemon.shouldRun }
    }
}

func collect(_ stream: AsyncThrowingStream<LogChunk, any Error>) async throws -> (stdout: String, stderr: String) {
    var out: [UInt8] = [], err: [UInt8] = []
    for try await chunk in stream {
        switch chunk.stream {
        case .stdout, .stdin: out += chunk.bytes
        case .stderr: err += chunk.bytes
        }
    }
    return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// Cleanup actions run (newest first) when the test body ends, thrown or not. A `defer { Task {...} }`
/// would not do: the test process may exit before such a task runs, leaking containers.
final class Cleanup: @unchecked Sendable {
    private var actions: [@Sendable () async -> Void] = []
    func add(_ action: @escaping @Sendable () async -> Void) { actions.append(action) }
    func run() async {
        for action in actions.reversed() { await action() }
        actions.removeAll()
    }
}

func withCleanup(_ body: (Cleanup) async throws -> Void) async throws {
    let cleanup = Cleanup()
    do {
        try await body(cleanup)
    } catch {
        await cleanup.run()
        throw error
    }
    await cleanup.run()
}
