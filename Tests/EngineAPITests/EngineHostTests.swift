import Testing
@testable import EngineAPI

@Suite struct EngineHostTests {
    @Test func parsesSupportedForms() throws {
        #expect(try EngineHost(parsing: "") == .unix(path: "/var/run/docker.sock"))
        #expect(try EngineHost(parsing: "unix:///run/user/1000/docker.sock") == .unix(path: "/run/user/1000/docker.sock"))
        #expect(try EngineHost(parsing: "tcp://10.0.0.5:2375") == .tcp(host: "10.0.0.5", port: 2375))
        #expect(try EngineHost(parsing: " tcp://docker.example:4243/ ") == .tcp(host: "docker.example", port: 4243))
        #expect(try EngineHost(parsing: "tcp://docker.example") == .tcp(host: "docker.example", port: 2375))
        #expect(try EngineHost(parsing: "tcp://docker.example", tls: true) == .tcp(host: "docker.example", port: 2376))
        #expect(try EngineHost(parsing: "tcp://[::1]:2376") == .tcp(host: "::1", port: 2376))
        #expect(try EngineHost(parsing: "TCP://h:1") == .tcp(host: "h", port: 1))
    }

    @Test(arguments: ["unix://relative.sock", "tcp://", "tcp://host:notaport", "tcp://host:70000",
                      "ssh://me@host", "/var/run/docker.sock", "ftp://x", "tcp://[::1"])
    func rejectsInvalid(_ value: String) {
        #expect(throws: EngineError.self) { try EngineHost(parsing: value) }
    }

    @Test func descriptionAndHostHeader() throws {
        #expect(EngineHost.unix(path: "/x.sock").description == "unix:///x.sock")
        #expect(EngineHost.unix(path: "/x.sock").hostHeader == "localhost")
        #expect(EngineHost.tcp(host: "::1", port: 2375).description == "tcp://[::1]:2375")
        #expect(EngineHost.tcp(host: "h", port: 1).hostHeader == "h:1")
    }

    @Test func fromEnvironment() throws {
        let plain = try EngineClient.fromEnvironment(["DOCKER_HOST": "tcp://127.0.0.1:1"])
        #expect(plain.host == .tcp(host: "127.0.0.1", port: 1))
        let unset = try EngineClient.fromEnvironment([:])
        #expect(unset.host == .default)

        // TLS requested but no certificates: one clear error naming the files and DOCKER_CERT_PATH.
        do {
            _ = try EngineClient.fromEnvironment(["DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS_VERIFY": "1",
                                                  "DOCKER_CERT_PATH": "/nonexistent-certs"])
            Issue.record("missing certificates must fail")
        } catch let error as EngineError {
            #expect(error.description.contains("/nonexistent-certs/ca.pem"))
            #expect(error.description.contains("DOCKER_CERT_PATH"))
        }
        #expect(throws: EngineError.self) { try EngineClient.fromEnvironment(["DOCKER_API_VERSION": "latest"]) }
        #expect(throws: EngineError.self) { try EngineClient.fromEnvironment(["DOCKER_HOST": "bogus"]) }
    }

    @Test func queryEncoding() throws {
        #expect(EngineClient.queryString([]) == "")
        #expect(EngineClient.queryString([("name", "a b&c"), ("t", "x/y:1")]) == "?name=a%20b%26c&t=x%2Fy%3A1")
        #expect(EngineClient.segment("registry:5000/team/app:1.0") == "registry:5000/team/app:1.0")
        #expect(EngineClient.segment("a b") == "a%20b")
        let filters = try EngineClient.filtersQuery(["label": ["com.docker.compose.project=x"]])
        #expect(filters.first?.1 == #"{"label":["com.docker.compose.project=x"]}"#)
    }

    @Test func hijackHeadParsing() throws {
        let head = Array("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n".utf8)
        let withData = head + [1, 0, 0, 0]
        #expect(HTTPHead.endOfHead(in: withData) == head.count)
        #expect(HTTPHead.endOfHead(in: Array(head.dropLast())) == nil)
        let parsed = try HTTPHead(parsing: Array(head[..<head.count]), method: "POST", path: "/x")
        #expect(parsed.status == 101)
        #expect(parsed.headers.contains { $0.0 == "Upgrade" && $0.1 == "tcp" })
        let error = try HTTPHead(parsing: Array("HTTP/1.1 404 Not Found\r\nContent-Length: 12\r\n\r\n".utf8), method: "POST", path: "/x")
        #expect(error.contentLength == 12)
        #expect(throws: EngineError.self) { try HTTPHead(parsing: Array("garbage\r\n\r\n".utf8), method: "POST", path: "/x") }
    }
}
