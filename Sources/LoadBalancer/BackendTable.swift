import NIOConcurrencyHelpers
import NIOCore

/// The balancer's shared state: backends, who is routed where, and the counters.
/// One lock; it is taken when a connection starts, fails or ends, never per chunk of data.
final class BackendTable: Sendable {
    enum Pick {
        case backend(Backend, SocketAddress?)
        /// Nothing left to try: no usable backend, or all of them were tried.
        case none
    }

    private struct Entry {
        var backend: Backend
        /// Parsed once, so connects skip name resolution for IP literals.
        var address: SocketAddress?
        /// Not in the last `setBackends` list; forgotten once its connections end.
        var removed = false
        /// `drain(id:)` was called; stays out of rotation until `undrain` or removal.
        var drained = false
        var active = 0
        var total = 0
        var failed = 0
        var cooldownUntil: NIODeadline?

        var eligible: Bool { !removed && !drained }
    }

    private struct Connection {
        var channel: (any Channel)?
        var backendID: String?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Rotation order for ties: the order of `setBackends`.
        var order: [String] = []
        var cursor = 0
        var connections: [UInt64: Connection] = [:]
        var nextConnectionID: UInt64 = 0
        var accepted = 0
        var failed = 0
        var rejected = 0
    }

    private let state = NIOLockedValueBox(State())
    private let cooldown: TimeAmount

    init(failureCooldown: TimeAmount) {
        self.cooldown = failureCooldown
    }

    /// Returns the ids that joined and the ones that left.
    func setBackends(_ backends: [Backend]) -> (added: [String], removed: [String]) {
        state.withLockedValue { state in
            var added: [String] = []
            var seen = Set<String>()
            var order: [String] = []
            for backend in backends where seen.insert(backend.id).inserted {
                order.append(backend.id)
                let address = try? SocketAddress(ipAddress: backend.host, port: backend.port)
                if var entry = state.entries[backend.id] {
                    if entry.removed { added.append(backend.id) }
                    if entry.backend != backend { entry.cooldownUntil = nil }
                    entry.backend = backend
                    entry.address = address
                    entry.removed = false
                    state.entries[backend.id] = entry
                } else {
                    state.entries[backend.id] = Entry(backend: backend, address: address)
                    added.append(backend.id)
                }
            }
            var removed: [String] = []
            for (id, entry) in state.entries where !seen.contains(id) && !entry.removed {
                removed.append(id)
                if entry.active == 0 {
                    state.entries[id] = nil
                } else {
                    state.entries[id]!.removed = true
                }
            }
            state.order = order
            return (added, removed.sorted())
        }
    }

    /// Returns false when the id is unknown.
    func setDrained(_ id: String, _ drained: Bool) -> Bool {
        state.withLockedValue { state in
            guard state.entries[id] != nil else { return false }
            state.entries[id]!.drained = drained
            return true
        }
    }

    func activeCount(of id: String) -> Int {
        state.withLockedValue { $0.entries[id]?.active ?? 0 }
    }

    // MARK: connections

    func register(channel: (any Channel)?) -> UInt64 {
        state.withLockedValue { state in
            state.nextConnectionID &+= 1
            state.accepted += 1
            state.connections[state.nextConnectionID] = Connection(channel: channel)
            return state.nextConnectionID
        }
    }

    func attach(_ connection: UInt64, channel: any Channel) {
        state.withLockedValue { $0.connections[connection]?.channel = channel }
    }

    /// Least connections among usable backends not yet tried, ties in rotation; reserves the slot.
    /// Backends cooling down after a failure come last.
    func pick(for connection: UInt64, excluding tried: Set<String>, now: NIODeadline = .now()) -> Pick {
        state.withLockedValue { state in
            guard state.connections[connection] != nil, !state.order.isEmpty else { return .none }
            let count = state.order.count
            var best: (index: Int, active: Int, cooling: Bool)?
            for step in 0..<count {
                let index = (state.cursor + step) % count
                let id = state.order[index]
                guard let entry = state.entries[id], entry.eligible, !tried.contains(id) else { continue }
                let cooling = entry.cooldownUntil.map { $0 > now } ?? false
                if let current = best {
                    // Healthy before cooling; then fewer connections; the first in rotation wins ties.
                    let better = cooling != current.cooling ? !cooling : entry.active < current.active
                    if better { best = (index, entry.active, cooling) }
                } else {
                    best = (index, entry.active, cooling)
                }
            }
            guard let best else { return .none }
            let id = state.order[best.index]
            state.cursor = (best.index + 1) % count
            state.entries[id]!.active += 1
            state.entries[id]!.total += 1
            state.connections[connection]!.backendID = id
            let entry = state.entries[id]!
            return .backend(entry.backend, entry.address)
        }
    }

    /// Undoes the reservation and starts the cooldown. Returns true if the backend was healthy until now.
    func connectFailed(_ connection: UInt64, now: NIODeadline = .now()) -> Bool {
        state.withLockedValue { state in
            state.failed += 1
            guard let id = state.connections[connection]?.backendID else { return false }
            state.connections[connection]!.backendID = nil
            Self.release(id, in: &state)
            guard state.entries[id] != nil else { return false }
            let wasHealthy = state.entries[id]!.cooldownUntil.map { $0 <= now } ?? true
            state.entries[id]!.failed += 1
            state.entries[id]!.cooldownUntil = now + cooldown
            return wasHealthy
        }
    }

    func noteRejected() {
        state.withLockedValue { $0.rejected += 1 }
    }

    func unregister(_ connection: UInt64) {
        state.withLockedValue { state in
            guard let removed = state.connections.removeValue(forKey: connection) else { return }
            if let id = removed.backendID { Self.release(id, in: &state) }
        }
    }

    private static func release(_ id: String, in state: inout State) {
        guard state.entries[id] != nil else { return }
        state.entries[id]!.active -= 1
        if state.entries[id]!.removed && state.entries[id]!.active == 0 {
            state.entries[id] = nil
        }
    }

    /// Open client connections (UDP: sessions).
    var connectionCount: Int {
        state.withLockedValue { $0.connections.count }
    }

    func channels(routedTo id: String) -> [any Channel] {
        state.withLockedValue { $0.connections.values.compactMap { $0.backendID == id ? $0.channel : nil } }
    }

    func allChannels() -> [any Channel] {
        state.withLockedValue { $0.connections.values.compactMap(\.channel) }
    }

    // MARK: stats

    func stats() -> BalancerStats {
        state.withLockedValue { state in
            var ids = state.order
            let listed = Set(ids)
            ids += state.entries.keys.filter { !listed.contains($0) }.sorted()
            let backends = ids.compactMap { id -> BackendStats? in
                guard let entry = state.entries[id] else { return nil }
                return BackendStats(id: id, activeConnections: entry.active, totalConnections: entry.total,
                                    failedConnects: entry.failed, draining: !entry.eligible)
            }
            return BalancerStats(backends: backends, acceptedTotal: state.accepted,
                                 activeConnections: state.connections.count,
                                 failedConnectsTotal: state.failed, rejectedTotal: state.rejected)
        }
    }
}
