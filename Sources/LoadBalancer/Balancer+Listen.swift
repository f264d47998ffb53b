import Foundation
import NIOCore
import NIOPosix

extension Balancer {
    func bindTCP() async throws -> any Channel {
        let table = self.table
        let configuration = self.configuration
        let logger = self.logger
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            // Lets a restarted supervisor rebind at once despite TIME_WAIT.
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // A replacing supervisor listens beside the old one until it takes over (same user only).
            .serverChannelOption(ChannelOptions.Types.SocketOption(level: .socket, name: NIOBSDSocket.Option(rawValue: SO_REUSEPORT)), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        TCPConnector(table: table, configuration: configuration, logger: logger))
                }
            }
            .bind(host: listener.host, port: listener.port)
            .get()
    }

    func bindUDP() async throws -> any Channel {
        let table = self.table
        let configuration = self.configuration
        let logger = self.logger
        // No SO_REUSEADDR: on Linux it would let two UDP sockets share the port silently.
        return try await DatagramBootstrap(group: group)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: UDPRelay.datagramCapacity))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        UDPRelay(table: table, configuration: configuration, logger: logger))
                }
            }
            .bind(host: listener.host, port: listener.port)
            .get()
    }

    func bindError(_ error: any Error) -> BalancerError {
        let address = listener.addressDescription
        if let io = error as? IOError {
            switch io.errnoCode {
            case EADDRINUSE: return .addressInUse(address: address, proto: listener.proto)
            case EADDRNOTAVAIL: return .bindFailed(address: address, proto: listener.proto, reason: "no such local address")
            case EACCES: return .bindFailed(address: address, proto: listener.proto, reason: "permission denied (ports below 1024 need privileges)")
            default: break
            }
        }
        return .bindFailed(address: address, proto: listener.proto, reason: "\(error)")
    }
}
