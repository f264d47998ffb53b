import Foundation
import Testing
import EngineAPI

/// Negotiation against a fake daemon on a unix socket (a few lines of Python's http.server) that
/// records the paths it was asked for.
@Suite struct VersionNegotiationTests {
    private static let server = #"""
    import http.server, socketserver, sys
    sock, log, header = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_GET(self):
            with open(log, "a") as f:
                f.write(self.path + "\n")
            self.send_response(200)
            if self.path == "/_ping":
                body = b"OK"
                if header:
                    self.send_header("Api-Version", "1.41")
            elif self.path == "/version":
                body = b'{"ApiVersion":"1.40","MinAPIVersion":"1.12"}'
            else:
                body = b"[]"
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args):
            pass
    class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
        daemon_threads = True
    Server(sock, Handler).serve_forever()
    """#

    /// Runs `body` with a client of a fake daemon; returns the paths the daemon was asked for.
    private func withFakeDaemon(pingHeader: Bool, _ body: (EngineClient) async throws -> Void) async throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sc-negotiate-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.server, dir + "/d.sock", dir + "/log", pingHeader ? "1" : "0"]
        try process.run()
        defer {
            // SIGKILL: a child of the test process may inherit SIGTERM blocked.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: dir + "/d.sock") {
            try await Task.sleep(for: .milliseconds(50))
        }
        let client = try EngineClient(host: .unix(path: dir + "/d.sock"))
        try await body(client)
        client.shutdown()
        let log = (try? String(contentsOfFile: dir + "/log", encoding: .utf8)) ?? ""
        return log.split(separator: "\n").map(String.init)
    }

    @Test func requestsStartedTogetherNegotiateOnceByPing() async throws {
        let asked = try await withFakeDaemon(pingHeader: true) { client in
            let versions = try await withThrowingTaskGroup(of: APIVersion.self) { group in
                for _ in 0..<5 { group.addTask { try await client.apiVersion() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(versions == Array(repeating: APIVersion("1.41")!, count: 5))
            _ = try await client.listNetworks()
        }
        #expect(asked == ["/_ping", "/v1.41/networks"])
    }

    @Test func aPingWithoutTheHeaderFallsBackToVersion() async throws {
        let asked = try await withFakeDaemon(pingHeader: false) { client in
            let version = try await client.apiVersion()
            #expect(version == APIVersion("1.40"))
        }
        #expect(asked == ["/_ping", "/version"])
    }
}
