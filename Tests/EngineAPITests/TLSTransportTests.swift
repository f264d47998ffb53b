import Foundation
import Testing
import EngineAPI

/// TLS over `tcp://` against `openssl s_server -WWW` (serves files named by the request path), with a
/// throwaway CA, a server certificate for 127.0.0.1 and a required client certificate: exercises
/// DOCKER_TLS_VERIFY/DOCKER_CERT_PATH loading, verification and version negotiation without a TLS daemon.
@Suite(.enabled("needs the openssl command") { FileManager.default.isExecutableFile(atPath: TLSFixture.openssl) })
struct TLSTransportTests {
    @Test func talksToATLSServerWithClientCertificates() async throws {
        let fixture = try TLSFixture()
        defer { fixture.stop() }
        let client = try EngineClient.fromEnvironment([
            "DOCKER_HOST": "tcp://127.0.0.1:\(fixture.port)",
            "DOCKER_TLS_VERIFY": "1",
            "DOCKER_CERT_PATH": fixture.clientDirectory,
        ])
        try await fixture.waitUntilListening(client)
        let version = try await client.version()
        #expect(version.apiVersion == "1.41")
        #expect(try await client.apiVersion() == APIVersion("1.41"))
        // Versioned path: served from <root>/v1.41/info.
        #expect(try await client.info().serverVersion == "tls-fixture")
    }

    @Test func aWrongCAIsATLSError() async throws {
        let fixture = try TLSFixture()
        defer { fixture.stop() }
        let good = try EngineClient.fromEnvironment([
            "DOCKER_HOST": "tcp://127.0.0.1:\(fixture.port)", "DOCKER_TLS_VERIFY": "1",
            "DOCKER_CERT_PATH": fixture.clientDirectory,
        ])
        try await fixture.waitUntilListening(good)
        let wrong = try EngineClient.fromEnvironment([
            "DOCKER_HOST": "tcp://127.0.0.1:\(fixture.port)", "DOCKER_TLS_VERIFY": "1",
            "DOCKER_CERT_PATH": fixture.otherCADirectory,
        ])
        do {
            _ = try await wrong.version()
            Issue.record("a certificate from another CA must be refused")
        } catch let error as EngineError {
            #expect(error.description.contains("TLS"))
            #expect(error.description.contains("DOCKER_CERT_PATH"))
        }
    }
}

final class TLSFixture: @unchecked Sendable {
    static let openssl = "/usr/bin/openssl"
    let root: String
    let port = Int.random(in: 20_000...60_000)
    var clientDirectory: String { root + "/client" }
    var otherCADirectory: String { root + "/other" }
    private var server: Process?

    init() throws {
        root = NSTemporaryDirectory() + "sctest-engine-tls-\(UInt32.random(in: .min ... .max))"
        let fm = FileManager.default
        for dir in ["", "/client", "/other", "/www", "/www/v1.41"] {
            try fm.createDirectory(atPath: root + dir, withIntermediateDirectories: true)
        }
        try shell("""
        set -e
        cd '\(root)'
        ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        openssl req -x509 $ec -keyout ca-key.pem -out client/ca.pem -days 2 -subj /CN=sctest-ca
        openssl req $ec -keyout server-key.pem -out server.csr -subj /CN=127.0.0.1
        printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > server.ext
        openssl x509 -req -in server.csr -CA client/ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 2 -extfile server.ext
        openssl req $ec -keyout client/key.pem -out client.csr -subj /CN=client
        printf 'extendedKeyUsage=clientAuth\\n' > client.ext
        openssl x509 -req -in client.csr -CA client/ca.pem -CAkey ca-key.pem -CAcreateserial -out client/cert.pem -days 2 -extfile client.ext
        openssl req -x509 $ec -keyout other/ca-key.pem -out other/ca.pem -days 2 -subj /CN=other-ca
        cp client/cert.pem client/key.pem other/
        """)
        try #"{"Version":"tls-fixture","ApiVersion":"1.41","MinAPIVersion":"1.12"}"#.write(toFile: root + "/www/version", atomically: true, encoding: .utf8)
        try #"{"ServerVersion":"tls-fixture","NCPU":2}"#.write(toFile: root + "/www/v1.41/info", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.openssl)
        process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", root + "/server-cert.pem",
                             "-key", root + "/server-key.pem", "-CAfile", root + "/client/ca.pem",
                             "-Verify", "1", "-WWW", "-quiet"]
        // -WWW answers HTTP/1.0 and closes at once, sometimes before the client's last (empty) write:
        // this caught the client dropping an answer that had already arrived.
        process.currentDirectoryURL = URL(fileURLWithPath: root + "/www")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        server = process
    }

    /// s_server needs a moment to listen; connection refused until then.
    func waitUntilListening(_ client: EngineClient) async throws {
        for _ in 0..<50 {
            do {
                _ = try await client.version()
                return
            } catch let error as EngineError where error.isUnreachable {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func stop() {
        // s_server ignores SIGTERM; SIGKILL it.
        if let server, server.isRunning {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    private func shell(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError.openssl
        }
    }

    enum FixtureError: Error { case openssl }
}
