import Foundation
import Testing
import Logging
import ComposeModel
import EngineAPI
@testable import Supervisor

/// How the supervisor takes the replica counts `up` and `scale` write into its scale file.
@Suite struct ScaleFileFollowingTests {
    static func supervisor(scaleFile: String) throws -> Supervisor {
        var web = Service(name: "web")
        web.scale = 5
        let project = Project(name: "demo", services: ["web": web])
        var options = Supervisor.Options()
        options.scaleFile = scaleFile
        // Nothing here calls the engine: the path only has to parse.
        let engine = try EngineClient(host: EngineHost(parsing: "unix:///nonexistent/docker.sock"))
        return Supervisor(project: project, engine: engine, options: options, logger: Logger(label: "test"))
    }

    static func write(_ counts: [String: Int], to path: String) throws {
        try Data(ScaleFile.encode(counts)).write(to: URL(fileURLWithPath: path))
    }

    @Test func aRepairReadsTheFileItselfAndAnAutoscaledCountStaysUntilTheFileChanges() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scale-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let supervisor = try Self.supervisor(scaleFile: path)
        #expect(await supervisor.replicas(of: "web") == 5)

        // `up --scale web=2` wrote the file; a repair reads it before counting, without waiting for the poll.
        try Self.write(["web": 2, "gone": 3], to: path)
        await supervisor.applyScaleFile()
        #expect(await supervisor.replicas(of: "web") == 2)
        #expect(await supervisor.replicas(of: "gone") == nil)

        // The autoscaler moves it; the unchanged file does not move it back.
        await supervisor.setReplicas("web", 4)
        await supervisor.applyScaleFile()
        #expect(await supervisor.replicas(of: "web") == 4)

        // A new count in the file wins again; an unreadable file changes nothing.
        try Self.write(["web": 3], to: path)
        await supervisor.applyScaleFile()
        #expect(await supervisor.replicas(of: "web") == 3)
        try Data("{\"web\": ".utf8).write(to: URL(fileURLWithPath: path))
        await supervisor.applyScaleFile()
        #expect(await supervisor.replicas(of: "web") == 3)
    }
}
