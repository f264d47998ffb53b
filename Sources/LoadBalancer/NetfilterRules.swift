/// The iptables text of kernel forwarding, as pure functions (the forwarder runs it).
///
/// Everything lives in one chain of the nat table per supervisor, jumped to from OUTPUT: only
/// connections made on this host pass there, and the nat table sees only a connection's first
/// packet, so each new connection is sent to one backend (`statistic --mode nth`: in turn) and
/// conntrack keeps it there until it ends. Removing a backend's rule drains it: its open
/// connections go on, new ones go elsewhere.
public enum NetfilterRules {
    /// Chains of one project start with this; the rest names the supervisor instance, so a
    /// replacing supervisor never edits the chain the old one still uses (28 characters at most).
    public static func chainPrefix(project: String) -> String {
        "SWC-" + String(fnv1a(project), radix: 16).leftPadded(to: 8) + "-"
    }

    public static func chain(project: String, instance: String) -> String {
        chainPrefix(project: project) + String(instance.prefix(12))
    }

    /// `iptables-restore --noflush` input replacing the chain's rules (declaring it flushes it).
    public static func restore(chain: String, routes: [KernelRoute]) -> String {
        var lines = ["*nat", ":\(chain) - [0:0]"]
        for route in routes {
            guard let destination = route.matchedDestination else { continue }
            let proto = route.listener.proto.rawValue
            let match = "-A \(chain) -d \(destination) -p \(proto) -m \(proto) --dport \(route.listener.port)"
            let backends = route.backends.filter { $0.host == "127.0.0.1" }
            for (index, backend) in backends.enumerated() {
                let left = backends.count - index
                // Of the connections reaching this rule, every `left`-th: an even share for each.
                let turn = left > 1 ? " -m statistic --mode nth --every \(left) --packet 0" : ""
                lines.append("\(match)\(turn) -j DNAT --to-destination 127.0.0.1:\(backend.port)")
            }
        }
        lines.append("COMMIT")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The OUTPUT rule sending connections through the chain (for `-C`, `-I OUTPUT 1` and `-D`).
    public static func jump(chain: String) -> [String] {
        ["-m", "comment", "--comment", "swiftcompose load balancer", "-j", chain]
    }

    /// Chains in `iptables-save -t nat` output that start with `prefix`.
    public static func chains(in save: String, prefix: String) -> [String] {
        save.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(":" + prefix) else { return nil }
            return line.dropFirst().split(separator: " ").first.map(String.init)
        }
    }

    /// 32-bit FNV-1a: a short, stable tag for a project name.
    static func fnv1a(_ text: String) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return hash
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
