/// Idle keep-alive connections, reused so hundreds of calls do not each pay a connect.
final class ConnectionPool: Sendable {
    private let idle = Locked<[HTTPConnection]>([])
    private let maximumIdle: Int

    init(maximumIdle: Int = 8) { self.maximumIdle = maximumIdle }

    /// An idle connection that is still open, if any.
    func take() -> HTTPConnection? {
        while let connection = idle.withLock({ $0.popLast() }) {
            if connection.channel.isActive { return connection }
            connection.close()
        }
        return nil
    }

    func give(_ connection: HTTPConnection) {
        guard connection.channel.isActive else { return }
        let kept = idle.withLock { list -> Bool in
            guard list.count < maximumIdle else { return false }
            list.append(connection)
            return true
        }
        if !kept { connection.close() }
    }

    func closeAll() {
        for connection in idle.withLock({ list -> [HTTPConnection] in defer { list = [] }; return list }) {
            connection.close()
        }
    }
}
