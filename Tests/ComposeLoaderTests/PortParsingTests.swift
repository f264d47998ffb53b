import ComposeModel
import Testing

@Suite struct PortParsingTests {
    static let cases: [(String, [ServicePort])] = [
        ("3000", [ServicePort(target: 3000)]),
        ("3000-3002", [ServicePort(target: 3000), ServicePort(target: 3001), ServicePort(target: 3002)]),
        ("8000:8000", [ServicePort(target: 8000, published: "8000")]),
        ("9090-9091:8080-8081", [ServicePort(target: 8080, published: "9090"), ServicePort(target: 8081, published: "9091")]),
        ("127.0.0.1:8001:8001", [ServicePort(target: 8001, published: "8001", hostIP: "127.0.0.1")]),
        ("127.0.0.1:5000-5002:5000-5002", [
            ServicePort(target: 5000, published: "5000", hostIP: "127.0.0.1"),
            ServicePort(target: 5001, published: "5001", hostIP: "127.0.0.1"),
            ServicePort(target: 5002, published: "5002", hostIP: "127.0.0.1"),
        ]),
        ("6060:6060/udp", [ServicePort(target: 6060, published: "6060", protocol: "udp")]),
        ("[::1]:6001:6001", [ServicePort(target: 6001, published: "6001", hostIP: "::1")]),
        ("::1:6001:6001", [ServicePort(target: 6001, published: "6001", hostIP: "::1")]),
        ("8000-8005:80", [ServicePort(target: 80, published: "8000-8005")]),
        ("127.0.0.1::80", [ServicePort(target: 80, hostIP: "127.0.0.1")]),
        ("80/sctp", [ServicePort(target: 80, protocol: "sctp")]),
        ("49100:22/TCP", [ServicePort(target: 22, published: "49100")]),
        ("80-82:8080/udp", [ServicePort(target: 8080, published: "80-82", protocol: "udp")]),
        ("80-80:8080/tcp", [ServicePort(target: 8080, published: "80")]),
        ("1.1.1.1:80:80", [ServicePort(target: 80, published: "80", hostIP: "1.1.1.1")]),
    ]

    @Test(arguments: cases)
    func shortSyntax(_ spec: String, _ expected: [ServicePort]) throws {
        #expect(try PortParser.parse(spec) == expected)
    }

    @Test func fullRangeExpands() throws {
        let ports = try PortParser.parse("127.0.0.1:5000-5010:5000-5010")
        #expect(ports.count == 11)
        #expect(ports.last == ServicePort(target: 5010, published: "5010", hostIP: "127.0.0.1"))
    }

    static let errors: [(String, String)] = [
        ("80800", "invalid port \"80800\": port numbers must be 1-65535"),
        ("8080:0", "invalid port \"0\": port numbers must be 1-65535"),
        ("abc", "invalid port \"abc\": \"abc\" is not a number"),
        ("99999999999999999999999:80", "invalid port \"99999999999999999999999\": port numbers must be 1-65535"),
        ("80:", "invalid port \"80:\": no container port"),
        ("", "invalid port \"\": no container port"),
        ("tcp", "invalid port \"tcp\": \"tcp\" is not a number"),
        ("80/icmp", "invalid protocol \"icmp\" in port \"80/icmp\""),
        ("1.2.3:80:80", "invalid IP address \"1.2.3\" in port \"1.2.3:80:80\""),
        ("9000-9002:80-81", "invalid port \"9000-9002:80-81\": the ranges 9000-9002 and 80-81 have different sizes"),
        ("90-80", "invalid port range \"90-80\" in \"90-80\": the end is before the start"),
    ]

    @Test(arguments: errors)
    func invalid(_ spec: String, _ message: String) {
        #expect(throws: ValueError.self) { try PortParser.parse(spec) }
        do {
            _ = try PortParser.parse(spec)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func servicePortsMixIntsStringsAndLongForm() throws {
        let s = try ModelFixture.service("""
        ports:
          - 3000
          - "8000:8000"
          - target: 80
            published: 8080
            host_ip: 127.0.0.1
          - target: "53"
            protocol: udp
            mode: host
            app_protocol: dns
            name: dns
        """)
        #expect(s.ports == [
            ServicePort(target: 3000),
            ServicePort(target: 8000, published: "8000"),
            ServicePort(target: 80, published: "8080", hostIP: "127.0.0.1"),
            ServicePort(name: "dns", target: 53, protocol: "udp", appProtocol: "dns", mode: "host"),
        ])
    }
}
