public enum BalancerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// "127.0.0.1:8080 is already in use"
    case addressInUse(address: String, proto: ListenerSpec.Proto)
    case bindFailed(address: String, proto: ListenerSpec.Proto, reason: String)
    case alreadyStarted

    public var description: String {
        switch self {
        case .addressInUse(let address, let proto):
            return proto == .tcp ? "\(address) is already in use" : "\(address)/udp is already in use"
        case .bindFailed(let address, let proto, let reason):
            return "cannot listen on \(address)\(proto == .tcp ? "" : "/udp"): \(reason)"
        case .alreadyStarted:
            return "the balancer was already started"
        }
    }
}
