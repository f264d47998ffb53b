/// One connection the kernel tracks, from a `/proc/net/nf_conntrack` line: how kernel forwarding
/// counts the open connections of each backend (for least-connections metrics, drains and the
/// autoscaler), since those connections never pass through the proxy.
public struct ConntrackFlow: Sendable, Hashable {
    public var proto: String
    /// TCP only ("ESTABLISHED", "TIME_WAIT", ...).
    public var state: String?
    public var source: String
    public var sourcePort: Int
    public var destination: String
    public var destinationPort: Int
    /// Where the reply comes from: after DNAT, the backend.
    public var replySource: String
    public var replySourcePort: Int

    /// Ended TCP connections stay in the table a while (TIME_WAIT); they are no longer open.
    public var isOpen: Bool {
        proto == "tcp" && state != "TIME_WAIT" && state != "CLOSE"
    }

    /// `ipv4 2 tcp 6 431999 ESTABLISHED src=… dst=… sport=… dport=… src=… dst=… sport=… dport=… [ASSURED] …`;
    /// nil for other shapes (ICMP, IPv6 is fine but unused).
    public init?(line: Substring) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count > 6 else { return nil }
        proto = String(fields[2])
        var state: String?
        var originals: [String: Substring] = [:]
        var replies: [String: Substring] = [:]
        for field in fields.dropFirst(5) {
            guard let eq = field.firstIndex(of: "=") else {
                if state == nil && originals.isEmpty && field.first?.isLetter == true { state = String(field) }
                continue
            }
            let key = String(field[..<eq])
            let value = field[field.index(after: eq)...]
            if originals[key] == nil { originals[key] = value } else if replies[key] == nil { replies[key] = value }
        }
        guard let src = originals["src"], let dst = originals["dst"],
              let sport = originals["sport"].flatMap({ Int($0) }), let dport = originals["dport"].flatMap({ Int($0) }),
              let rsrc = replies["src"], let rsport = replies["sport"].flatMap({ Int($0) }) else { return nil }
        self.state = state
        source = String(src)
        sourcePort = sport
        destination = String(dst)
        destinationPort = dport
        replySource = String(rsrc)
        replySourcePort = rsport
    }

    public static func parse(_ text: String) -> [ConntrackFlow] {
        text.split(separator: "\n").compactMap { ConntrackFlow(line: $0) }
    }

    /// Whether the flow is one `route` forwarded to `backend`.
    func forwarded(by route: KernelRoute, to backend: Backend) -> Bool {
        proto == route.listener.proto.rawValue && destinationPort == route.listener.port
            && destination.hasPrefix("127.") && replySource == backend.host && replySourcePort == backend.port
    }
}
