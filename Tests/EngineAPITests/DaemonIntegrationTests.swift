import Foundation
import Testing
import EngineAPI

@Suite(.needsDaemon) struct DaemonIntegrationTests {
    let client = Daemon.client

    @Test func pingAndVersion() async throws {
        let ping = try await client.ping()
        #expect(ping.apiVersion != nil)
        let version = try await client.version()
        let daemon = try #require(version.apiVersion.flatMap(APIVersion.init))
        let chosen = try await client.apiVersion()
        #expect(chosen == min(daemon, .newestSupported))
        let info = try await client.info()
        #expect(info.serverVersion == version.version)
    }

    @Test func containerLifecycleWithDemuxedLogsAndExitCode() async throws {
        try await withCleanup { cleanup in
            let (id, name) = try await Daemon.createContainer("life", cmd: ["sh", "-c", "echo out; echo err >&2; exit 3"])
            cleanup.add { await Daemon.remove(id) }
            try await client.startContainer(id)
            #expect(try await client.waitContainer(id) == 3)
            let inspect = try await client.inspectContainer(name)
            #expect(inspect.id == id)
            #expect(inspect.name == "/" + name)
            #expect(inspect.state?.status == "exited")
            #expect(inspect.state?.exitCode == 3)
            #expect(inspect.config?.labels?[Daemon.testLabel] == Daemon.prefix)
            let logs = try await collect(client.containerLogs(id))
            #expect(logs.stdout == "out\n")
            #expect(logs.stderr == "err\n")
            // The caller may know the TTY setting already (no extra inspect).
            let again = try await collect(client.containerLogs(id, tty: false))
            #expect(again.stdout == "out\n")

            let listed = try await client.listContainers(all: true, filters: ["label": ["\(Daemon.testLabel)=\(Daemon.prefix)"], "name": [name]])
            #expect(listed.map { $0.id } == [id])
            #expect(listed.first?.state == "exited")
            #expect(listed.first?.names == ["/" + name])

            try await client.removeContainer(id)
            do {
                _ = try await client.inspectContainer(id)
                Issue.record("a removed container must be gone")
            } catch let error as EngineError {
                #expect(error.isNotFound)
            }
        }
    }

    @Test func ttyLogsAreRaw() async throws {
        try await withCleanup { cleanup in
            let (id, _) = try await Daemon.createContainer("tty", cmd: ["sh", "-c", "echo hi; echo there >&2"], tty: true)
            cleanup.add { await Daemon.remove(id) }
            try await client.startContainer(id)
            #expect(try await client.waitContainer(id) == 0)
            let logs = try await collect(client.containerLogs(id))
            #expect(logs.stdout.replacingOccurrences(of: "\r", with: "") == "hi\nthere\n")
            #expect(logs.stderr == "")
        }
    }

    @Test func notFoundAndConflictAreDistinguishable() async throws {
        try await withCleanup { cleanup in
            do {
                try await client.startContainer(Daemon.name("missing"))
                Issue.record("starting a missing container must fail")
            } catch let error as EngineError {
                #expect(error.isNotFound && !error.isConflict)
                #expect(error.status == 404)
                #expect(error.message.contains("No such container"))
            }
            let (id, name) = try await Daemon.createContainer("dup", cmd: ["true"])
            cleanup.add { await Daemon.remove(id) }
            do {
                _ = try await client.createContainer(name: name, body: ContainerCreateBody(config: ContainerConfig(image: Daemon.image)))
                Issue.record("a duplicate name must fail")
            } catch let error as EngineError {
                #expect(error.isConflict && !error.isNotFound)
                #expect(error.method == "POST")
                #expect(error.path?.hasSuffix("/containers/create") == true)
            }
            // Idempotent stop of a container that never ran is fine (304 accepted).
            try await client.stopContainer(id, timeout: 1)
        }
    }

    @Test func networkAndVolumeByLabel() async throws {
        try await withCleanup { cleanup in
            let label = "\(Daemon.testLabel)=\(Daemon.prefix)-nv"
            let networkName = Daemon.name("net")
            let network = try await client.createNetwork(NetworkCreateBody(
                name: networkName, labels: [Daemon.testLabel: "\(Daemon.prefix)-nv"]))
            cleanup.add { try? await Daemon.client.removeNetwork(network.id) }
            let networks = try await client.listNetworks(filters: ["label": [label]])
            #expect(networks.map { $0.name } == [networkName])
            #expect(try await client.inspectNetwork(networkName).id == network.id)
            do {
                _ = try await client.createNetwork(NetworkCreateBody(name: networkName))
                Issue.record("a duplicate network must fail")
            } catch let error as EngineError {
                #expect(error.isConflict)
            }

            let volumeName = Daemon.name("vol")
            let volume = try await client.createVolume(VolumeCreateBody(name: volumeName, labels: [Daemon.testLabel: "\(Daemon.prefix)-nv"]))
            cleanup.add { try? await Daemon.client.removeVolume(volumeName, force: true) }
            #expect(volume.name == volumeName)
            let volumes = try await client.listVolumes(filters: ["label": [label]])
            #expect(volumes.map { $0.name } == [volumeName])
            #expect(try await client.inspectVolume(volumeName).labels?[Daemon.testLabel] == "\(Daemon.prefix)-nv")

            // Attach a container to the network with an alias, then disconnect it.
            let (id, _) = try await Daemon.createContainer("netc", cmd: ["sleep", "30"])
            cleanup.add { await Daemon.remove(id) }
            try await client.connectNetwork(networkName, container: id, endpointConfig: EndpointSettings(aliases: ["alias1"]))
            let attached = try await client.inspectContainer(id)
            #expect(attached.networkSettings?.networks?[networkName]?.aliases?.contains("alias1") == true)
            try await client.disconnectNetwork(networkName, container: id)
            await Daemon.remove(id)

            try await client.removeNetwork(network.id)
            try await client.removeVolume(volumeName)
            #expect(try await client.listNetworks(filters: ["label": [label]]).isEmpty)
            #expect(try await client.listVolumes(filters: ["label": [label]]).isEmpty)
            do {
                try await client.removeVolume(volumeName)
                Issue.record("a removed volume must be gone")
            } catch let error as EngineError {
                #expect(error.isNotFound)
            }
        }
    }

    @Test func eventsStreamSeesStart() async throws {
        try await withCleanup { cleanup in
            let marker = "\(Daemon.prefix)-events"
            let events = try await client.events(filters: ["type": ["container"], "label": ["\(Daemon.testLabel)=\(marker)"]])
            let (id, _) = try await Daemon.createContainer("ev", cmd: ["true"], labels: [Daemon.testLabel: marker])
            cleanup.add { await Daemon.remove(id) }
            try await client.startContainer(id)
            var seen: [String] = []
            for try await event in events {
                if event.actor?.id == id { seen.append(event.action ?? "") }
                if seen.contains("start") { break }
            }
            #expect(seen.contains("start"))
        }
    }

    @Test func followedLogsStreamUntilExitAndCancelledEventsEnd() async throws {
        try await withCleanup { cleanup in
            let (id, _) = try await Daemon.createContainer("follow", cmd: ["sh", "-c", "for i in 1 2 3; do echo $i; sleep 0.2; done"])
            cleanup.add { await Daemon.remove(id) }
            try await client.startContainer(id)
            let logs = try await collect(client.containerLogs(id, follow: true, tty: false))
            #expect(logs.stdout == "1\n2\n3\n")

            // An idle events stream has no read timeout; cancelling its consumer ends it promptly.
            let events = try await client.events(filters: ["label": ["\(Daemon.testLabel)=\(Daemon.prefix)-never"]])
            let consumer = Task {
                var count = 0
                for try await _ in events { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(300))
            consumer.cancel()
            // Cancelling an idle stream must end it (a hang here is the bug this test catches).
            let result = await consumer.result
            if case .success(let count) = result { #expect(count == 0) }
            // The client still works after a cancelled stream.
            try await client.ping()
        }
    }

    @Test func pauseRenameRestartTopStatsKill() async throws {
        try await withCleanup { cleanup in
            let (id, _) = try await Daemon.createContainer("ops", cmd: ["sleep", "60"])
            cleanup.add { await Daemon.remove(id) }
            try await client.startContainer(id)
            try await client.startContainer(id)  // already running: 304, accepted
            try await client.pauseContainer(id)
            #expect(try await client.inspectContainer(id).state?.paused == true)
            try await client.unpauseContainer(id)
            let newName = Daemon.name("renamed")
            try await client.renameContainer(id, to: newName)
            #expect(try await client.inspectContainer(newName).id == id)
            let top = try await client.containerTop(id)
            #expect(top.processes?.contains { $0.joined(separator: " ").contains("sleep 60") } == true)
            var samples = 0
            for try await sample in try await client.containerStats(id) {
                samples += 1
                #expect(sample.read != nil)
            }
            #expect(samples == 1)
            try await client.restartContainer(id, timeout: 0)
            let restarted = try await client.inspectContainer(id)
            #expect(restarted.state?.running == true)
            try await client.killContainer(id, signal: "KILL")
            #expect(try await client.waitContainer(id) == 137)
            do {
                try await client.killContainer(id)
                Issue.record("killing a stopped container must fail")
            } catch let error as EngineError {
                #expect(error.isConflict)
            }
        }
    }

    @Test func execWithOutputAndExitCode() async throws {
        try await withCleanup { cleanup in
            let (id, _) = try await Daemon.createContainer("exec", cmd: ["sleep", "60"])
            cleanup.add { await Daemon.remove(id) }
            try await client.startContainer(id)
            let exec = try await client.createExec(container: id, body: ExecCreateBody(cmd: ["sh", "-c", "echo hi; echo oops >&2; exit 7"]))
            let output = try await collect(client.startExec(exec))
            #expect(output.stdout == "hi\n")
            #expect(output.stderr == "oops\n")
            let inspect = try await client.inspectExec(exec)
            #expect(inspect.exitCode == 7)
            #expect(inspect.running == false)
            // The pooled connection survives an exec stream: a normal call works right after.
            #expect(try await client.inspectContainer(id).state?.running == true)
        }
    }

    @Test func hijackedExecEchoesStdin() async throws {
        try await withCleanup { cleanup in
            let (id, _) = try await Daemon.createContainer("hijack", cmd: ["sleep", "60"])
            cleanup.add { await Daemon.remove(id) }
            try await client.startContainer(id)
            let exec = try await client.createExec(container: id, body: ExecCreateBody(cmd: ["cat"], attachStdin: true))
            let session = try await client.attachExec(exec, tty: false)
            try await session.write("hello\nworld\n")
            try await session.closeWrite()
            let output = try await collect(session.output())
            #expect(output.stdout == "hello\nworld\n")
            #expect(try await client.inspectExec(exec).exitCode == 0)

            let tty = try await client.createExec(container: id, body: ExecCreateBody(cmd: ["sh"], attachStdin: true, tty: true))
            let shell = try await client.attachExec(tty, tty: true)
            try await client.resizeExec(tty, height: 24, width: 80)
            try await shell.write("echo hi; exit 7\n")
            var text = ""
            for try await bytes in shell.inbound { text += String(decoding: bytes, as: UTF8.self) }
            #expect(text.contains("hi\r\n"))
            #expect(try await client.inspectExec(tty).exitCode == 7)
        }
    }

    @Test func hijackedAttachToContainer() async throws {
        try await withCleanup { cleanup in
            // StdinOnce, as `docker run -i` sets it: closing our write side closes cat's stdin; without it the
            // daemon ends the attached output when stdin ends.
            let (id, _) = try await Daemon.createContainer("attach", cmd: ["cat"], openStdin: true, stdinOnce: true)
            cleanup.add { await Daemon.remove(id) }
            let session = try await client.attachContainer(id, tty: false)
            try await client.startContainer(id)
            try await session.write("via attach\n")
            try await session.closeWrite()
            let output = try await collect(session.output())
            #expect(output.stdout == "via attach\n")
            #expect(try await client.waitContainer(id) == 0)
        }
    }

    @Test func unreachableSocketFailsFastNamingDockerHost() async throws {
        let path = "/tmp/\(Daemon.prefix)-no-daemon.sock"
        let client = try EngineClient.fromEnvironment(["DOCKER_HOST": "unix://\(path)"])
        do {
            try await client.ping()
            Issue.record("no daemon listens there")
        } catch let error as EngineError {
            #expect(error.isUnreachable)
            #expect(error.description.contains("DOCKER_HOST=unix://\(path)"))
            #expect(error.description.contains("is the Docker daemon running?"))
        }

        let refused = try EngineClient.fromEnvironment(["DOCKER_HOST": "tcp://127.0.0.1:1"])
        do {
            _ = try await refused.listContainers()
            Issue.record("nothing listens on port 1")
        } catch let error as EngineError {
            #expect(error.isUnreachable)
            #expect(error.description.contains("DOCKER_HOST=tcp://127.0.0.1:1"))
            #expect(error.description.contains("connection refused"), "\(error)")
        }
    }

    @Test func pullFromAnUnreachableRegistryFails() async throws {
        do {
            for try await _ in try await client.createImage(fromImage: "127.0.0.1:1/\(Daemon.prefix)/x", tag: "latest") {}
            Issue.record("the pull must fail")
        } catch let error as EngineError {
            #expect(!error.message.isEmpty)
        }
    }

    @Test func earlyErrorDuringALargeUploadIsTheDaemonsAnswer() async throws {
        // The daemon answers 404 without reading the 8 MiB body and closes; the answer must not be lost.
        let tar = Tar.single(name: "big.bin", contents: [UInt8](repeating: 7, count: 8 << 20))
        do {
            try await client.putArchive(Daemon.name("missing"), path: "/", tar: tar)
            Issue.record("uploading into a missing container must fail")
        } catch let error as EngineError {
            #expect(error.isNotFound, "\(error)")
        }
        let chunks = AsyncStream<[UInt8]> { c in
            for offset in stride(from: 0, to: tar.count, by: 64 << 10) { c.yield(Array(tar[offset..<min(offset + (64 << 10), tar.count)])) }
            c.finish()
        }
        do {
            try await client.putArchive(Daemon.name("missing"), path: "/", tar: chunks)
            Issue.record("uploading into a missing container must fail")
        } catch let error as EngineError {
            #expect(error.isNotFound, "\(error)")
        }
    }

    @Test func archiveRoundTrip() async throws {
        try await withCleanup { cleanup in
            let (id, _) = try await Daemon.createContainer("archive", cmd: ["true"])
            cleanup.add { await Daemon.remove(id) }
            try await client.putArchive(id, path: "/", tar: Tar.single(name: "greeting.txt", contents: Array("hello tar\n".utf8)))
            let download = try await client.getArchive(id, path: "/greeting.txt")
            #expect(download.stat?.name == "greeting.txt")
            #expect(download.stat?.size == 10)
            var tar: [UInt8] = []
            for try await chunk in download.bytes { tar += chunk }
            #expect(tar.count >= 1024)
            #expect(Array(tar[512..<522]) == Array("hello tar\n".utf8))
        }
    }

    /// Prints, never asserts: wall time is noise on a shared machine. Pooled and fresh-connection runs are
    /// interleaved in rounds so load spikes hit both; CPU seconds of this process are the steadier figure.
    @Test func measuresSequentialListContainers() async throws {
        let pooled = client
        let fresh = try EngineClient(host: .default, maximumIdleConnections: 0)
        _ = try await pooled.listContainers(all: true)
        _ = try await fresh.listContainers(all: true)
        var wall: [String: [Duration]] = [:]
        var cpu: [String: Double] = [:]
        for _ in 0..<5 {
            for (label, c) in [("pooled keep-alive", pooled), ("new connection per call", fresh)] {
                let cpuStart = processCPUSeconds()
                let start = ContinuousClock.now
                for _ in 0..<20 { _ = try await c.listContainers(all: true) }
                wall[label, default: []].append(ContinuousClock.now - start)
                cpu[label, default: 0] += processCPUSeconds() - cpuStart
            }
        }
        for label in ["pooled keep-alive", "new connection per call"] {
            let rounds = wall[label]!
            let total = rounds.reduce(.zero, +)
            print("[EngineAPI perf] 100 sequential listContainers(all: true), \(label): wall \(total), best round \(rounds.min()! / 20) per call, client CPU \(String(format: "%.3f", cpu[label]!)) s")
        }
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 { group.addTask { _ = try await pooled.listContainers(all: true) } }
            try await group.waitForAll()
        }
        print("[EngineAPI perf] 100 concurrent listContainers(all: true): \(ContinuousClock.now - start)")
    }

    private func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }

    @Test func buildStreamsOutputAndImageID() async throws {
        let tag = "\(Daemon.prefix)-build:latest"
        try await withCleanup { cleanup in
            cleanup.add { _ = try? await Daemon.client.removeImage(tag, force: true) }
            let dockerfile = "FROM \(Daemon.image)\nRUN echo built > /built\nLABEL \(Daemon.testLabel)=\(Daemon.prefix)\n"
            let context = Tar.single(name: "Dockerfile", contents: Array(dockerfile.utf8))
            // Stream the context in small chunks, as a caller tarring a directory would.
            let chunks = AsyncStream<[UInt8]> { continuation in
                var offset = 0
                while offset < context.count {
                    continuation.yield(Array(context[offset..<min(offset + 300, context.count)]))
                    offset += 300
                }
                continuation.finish()
            }
            var imageID: String?
            var text = ""
            for try await message in try await client.build(context: chunks, options: BuildOptions(tags: [tag], labels: ["extra": "1"])) {
                if let id = message.aux?.id { imageID = id }
                text += message.stream ?? ""
            }
            #expect(text.contains("RUN echo built"))
            let image = try await client.inspectImage(tag)
            #expect(imageID == nil || imageID == image.id)
            #expect(image.config?.labels?[Daemon.testLabel] == Daemon.prefix)
            #expect(image.config?.labels?["extra"] == "1")

            // A failing step arrives as an error line inside the 200 stream: thrown.
            let failing = Tar.single(name: "Dockerfile", contents: Array("FROM \(Daemon.image)\nRUN exit 3\n".utf8))
            do {
                for try await _ in try await client.build(context: AsyncStream { $0.yield(failing); $0.finish() },
                                                          options: BuildOptions(tags: ["\(Daemon.prefix)-fail:latest"], forceRm: true)) {}
                Issue.record("the failing build must throw")
            } catch let error as EngineError {
                #expect(error.isStreamError)
                #expect(error.message.contains("exit") || error.message.contains("returned a non-zero code"))
            }
        }
    }
}

/// A one-file ustar archive, enough for the archive round trip.
enum Tar {
    static func single(name: String, contents: [UInt8]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (i, b) in text.utf8.enumerated() { header[offset + i] = b }
        }
        put(name, at: 0)
        put("0000644\0", at: 100)
        put("0000000\0", at: 108)
        put("0000000\0", at: 116)
        put(String(contents.count, radix: 8).leftPad(11) + "\0", at: 124)
        put("00000000000\0", at: 136)
        put("        ", at: 148)
        header[156] = UInt8(ascii: "0")
        put("ustar\0", at: 257)
        put("00", at: 263)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(String(sum, radix: 8).leftPad(6) + "\0 ", at: 148)
        let padding = (512 - contents.count % 512) % 512
        return header + contents + [UInt8](repeating: 0, count: padding) + [UInt8](repeating: 0, count: 1024)
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
