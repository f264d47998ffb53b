public import ArgumentParser
import EngineAPI

/// `port SERVICE [PRIVATE_PORT]`: the host address a container port is published on (`127.0.0.1:8080`),
/// or every published port of the container.
public struct PortCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "port", abstract: "List port mappings or print the public port for a specific mapping for the service")

    @OptionGroup public var global: GlobalOptions
    @Option(name: .customLong("protocol"), help: "tcp or udp")
    var proto = "tcp"
    @Option(name: .customLong("index"), help: "Index of the container if service has multiple replicas")
    var index: Int?
    @Argument(help: "Service")
    var service: String
    @Argument(help: "Private port")
    var privatePort: String?

    public init() {}

    var port: Int? { privatePort.flatMap { Int($0) } }

    public func validate() throws {
        if let privatePort, Int(privatePort).map({ (1...65535).contains($0) }) != true {
            throw ValidationError("invalid port \"\(privatePort)\": use a number from 1 to 65535")
        }
        if !["tcp", "udp", "sctp"].contains(proto.lowercased()) {
            throw ValidationError("invalid --protocol \"\(proto)\": use tcp or udp")
        }
        if let index, index < 1 { throw ValidationError("--index must be 1 or more") }
    }

    public func run() async throws {
        try await failing { () async throws(CommandFailure) in
            let scope = try LifecycleScope.resolve(global, services: [service])
            let containers = try await scope.containers(services: [service], all: false)
            guard let c = index.map({ i in containers.first { $0.number == i } }) ?? containers.min(by: { $0.number < $1.number }) else {
                throw CommandFailure("no container found for \(service)-\(index ?? 1)")
            }
            let ports = c.ports ?? []
            guard let port else {
                for p in ports.sorted(by: { ($0.privatePort, $0.ip ?? "") < ($1.privatePort, $1.ip ?? "") }) {
                    guard let pub = p.publicPort else { continue }
                    StandardOutput.line("\(DisplayText.hostPort(p.ip ?? "", pub))->\(p.privatePort)/\(p.type)")
                }
                return
            }
            let proto = proto.lowercased()
            guard let p = ports.sorted(by: { !($0.ip ?? "").contains(":") && ($1.ip ?? "").contains(":") }).first(where: { $0.privatePort == port && $0.type == proto && $0.publicPort != nil }) else {
                let published = ports.map { "\($0.publicPort ?? 0)/\($0.type)" }.joined(separator: ", ")
                throw CommandFailure("no port \(port)/\(proto) for container \(c.name): \(published)")
            }
            StandardOutput.line(DisplayText.hostPort(p.ip ?? "", p.publicPort ?? 0))
        }
    }
}
