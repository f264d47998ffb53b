import Foundation
public import Logging

/// The fast path beside the proxy: connections made on this host to a balanced port are sent by
/// the kernel (nat OUTPUT DNAT, see `NetfilterRules`) straight to a replica's published port, so a
/// request crosses docker's port proxy only, as it would without a balancer. The `Balancer` keeps
/// its listener and serves everything else: other hosts, containers, and clients that arrive while
/// no replica can take them (it holds those until one can).
///
/// It needs iptables and NET_ADMIN in the host's network namespace; without them `start` fails and
/// the proxy does all the work. Its rules live in one chain named for the project and this supervisor.
public actor KernelForwarder {
    public nonisolated let chain: String
    nonisolated let chainPrefix: String
    nonisolated let iptables: String
    nonisolated let logger: Logger
    nonisolated let conntrackPath: String
    private var applied: String?
    /// Flows counted so far per backend id (source address and port), for totals that only grow.
    private var seen: [String: Set<String>] = [:]
    private var totals: [String: Int] = [:]

    public struct Counts: Sendable, Hashable {
        public var open: Int
        public var total: Int
    }

    public init(project: String, instance: String, iptables: String, logger: Logger,
                conntrackPath: String = "/proc/net/nf_conntrack") {
        self.chain = NetfilterRules.chain(project: project, instance: instance)
        self.chainPrefix = NetfilterRules.chainPrefix(project: project)
        self.iptables = iptables
        self.logger = logger
        self.conntrackPath = conntrackPath
    }

    /// The iptables multi-call binary to use, nil when kernel forwarding is off or impossible:
    /// `SWIFTCOMPOSE_KERNEL_FORWARDING=0`, no iptables, not root.
    public static func locateIPTables() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if environment["SWIFTCOMPOSE_KERNEL_FORWARDING"] == "0" || geteuid() != 0 { return nil }
        let candidates = [environment["SWIFTCOMPOSE_IPTABLES"], hostIPTables()].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// This supervisor's name for its chain: random, since a replacing supervisor runs beside the
    /// old one in the same network namespace (same host name) and the old one removes its own chain.
    public static func instanceName() -> String {
        String(UInt64.random(in: 0...UInt64.max) & 0xffff_ffff_ffff, radix: 16)
    }

    /// The host's iptables as its `iptables` command resolves (nft or legacy), so both agree.
    static func hostIPTables() -> String? {
        for path in ["/usr/sbin/iptables", "/sbin/iptables"] where FileManager.default.fileExists(atPath: path) {
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            if real.hasSuffix("-multi") { return real }
        }
        return nil
    }

    /// Removes the project's chains left by other supervisors (the one being replaced, or one that
    /// was killed), then sets up this one's chain and jump. False (logged) when iptables refuses.
    public func start() -> Bool {
        removeChains { $0 != chain }
        let created = run(["iptables-restore", "-w", "--noflush"], input: NetfilterRules.restore(chain: chain, routes: []))
        guard created.status == 0 else {
            logger.notice("kernel forwarding unavailable, the balancer proxies every connection: \(created.output)")
            return false
        }
        applied = NetfilterRules.restore(chain: chain, routes: [])
        let jump = NetfilterRules.jump(chain: chain)
        if run(["iptables", "-w", "-t", "nat", "-C", "OUTPUT"] + jump).status != 0 {
            let inserted = run(["iptables", "-w", "-t", "nat", "-I", "OUTPUT", "1"] + jump)
            guard inserted.status == 0 else {
                logger.notice("kernel forwarding unavailable: \(inserted.output)")
                removeChains { $0 == chain }
                return false
            }
        }
        logger.info("kernel forwarding on (chain \(chain))")
        return true
    }

    /// Rewrites the chain when the routes changed. Backends left out get no new connections.
    public func apply(_ routes: [KernelRoute]) {
        let text = NetfilterRules.restore(chain: chain, routes: routes)
        guard text != applied else { return }
        let result = run(["iptables-restore", "-w", "--noflush"], input: text)
        if result.status == 0 {
            applied = text
        } else {
            logger.error("kernel forwarding rules not applied: \(result.output)")
        }
    }

    /// Removes this supervisor's chain and jump: new connections then reach the proxy's listener.
    public func stop() {
        removeChains { $0 == chain }
        applied = nil
    }

    /// Removes every chain of the project: `down` does it after the supervisor is gone, in case that
    /// one could not (it was killed), since stale rules would send the port's traffic to whatever
    /// takes those replica ports next.
    public func removeProjectChains() {
        removeChains { _ in true }
    }

    /// Open and total kernel-forwarded connections per backend id.
    public func counts(_ routes: [KernelRoute]) -> [String: Counts] {
        let flows = ConntrackFlow.parse(Self.readWhole(conntrackPath))
        var out: [String: Counts] = [:]
        for route in routes {
            for backend in route.backends {
                let mine = flows.filter { $0.forwarded(by: route, to: backend) }
                let keys = Set(mine.map { "\($0.source):\($0.sourcePort)" })
                let fresh = keys.subtracting(seen[backend.id] ?? [])
                seen[backend.id] = keys
                totals[backend.id, default: 0] += fresh.count
                out[backend.id, default: Counts(open: 0, total: 0)].open += mine.count { $0.isOpen }
            }
        }
        for id in out.keys { out[id]!.total = totals[id] ?? 0 }
        return out
    }

    /// Waits until no kernel-forwarded connection to `backend` is open, or `timeout` passed.
    public func waitDrained(_ id: String, routes: [KernelRoute], timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let open = counts(routes)[id]?.open ?? 0
            if open == 0 { return }
            try? await Task.sleep(for: .milliseconds(100))
            if Task.isCancelled { return }
        }
    }

    /// A proc table read in as few `read` calls as possible: each call is one pass of the kernel's
    /// walk, and between calls entries can move and be skipped.
    static func readWhole(_ path: String) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func removeChains(where matches: (String) -> Bool) {
        let save = run(["iptables-save", "-t", "nat"])
        guard save.status == 0 else { return }
        for name in NetfilterRules.chains(in: save.output, prefix: chainPrefix) where matches(name) {
            // Every jump to it first (normally one), or the chain cannot go.
            for _ in 0..<8 {
                guard run(["iptables", "-w", "-t", "nat", "-D", "OUTPUT"] + NetfilterRules.jump(chain: name)).status == 0 else { break }
            }
            _ = run(["iptables", "-w", "-t", "nat", "-F", name])
            _ = run(["iptables", "-w", "-t", "nat", "-X", name])
        }
    }

    /// Runs the multi-call binary with `applet` first; output is stdout and stderr together.
    private func run(_ arguments: [String], input: String? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: iptables)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = stdin
        do {
            try process.run()
        } catch {
            return (-1, "cannot run \(iptables): \(error)")
        }
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
