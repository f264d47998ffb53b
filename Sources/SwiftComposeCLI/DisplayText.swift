import Foundation

/// The small text conventions of docker/cli and go-units that Compose's output is made of.
enum DisplayText {
    /// go-units `HumanDuration`: "Less than a second", "3 seconds", "About a minute", "2 hours", "3 weeks"….
    static func humanDuration(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s < 1 { return "Less than a second" }
        if s == 1 { return "1 second" }
        if s < 60 { return "\(s) seconds" }
        let minutes = Int(seconds / 60)
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = Int(seconds / 3600 + 0.5)
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(Int(seconds / 3600) / 24 / 365) years"
    }

    /// "3 minutes ago" for a Unix time.
    static func ago(_ unix: Int64, now: Date = Date()) -> String {
        humanDuration(now.timeIntervalSince1970 - Double(unix)) + " ago"
    }

    /// go-units `HumanSizeWithPrecision(size, 3)`: decimal units, three significant digits ("4.86MB", "0B").
    static func humanSize(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var size = Double(bytes)
        var i = 0
        while size >= 1000, i < units.count - 1 {
            size /= 1000
            i += 1
        }
        return String(format: "%.3g", size) + units[i]
    }

    /// docker/cli `Ellipsis`: at most `max` characters, the last one "…" when cut.
    static func ellipsis(_ s: String, _ max: Int) -> String {
        guard s.count > max else { return s }
        guard max > 1 else { return String(s.prefix(max)) }
        return String(s.prefix(max - 1)) + "…"
    }

    /// Go's `strconv.Quote` for the printable text commands hold.
    static func goQuote(_ s: String) -> String { JSONOutput.quote(s) }

    /// 12-digit ID, `sha256:` dropped (docker `TruncateID`).
    static func shortID(_ id: String) -> String {
        let bare = id.hasPrefix("sha256:") ? String(id.dropFirst(7)) : id
        return String(bare.prefix(12))
    }

    /// Go's `time.Time.String()` without the monotonic part: "2024-05-01 10:20:30 +0000 UTC".
    static func goTime(_ unix: Int64, zone: TimeZone = .current) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm:ss Z"
        let date = Date(timeIntervalSince1970: TimeInterval(unix))
        var abbreviation = zone.abbreviation(for: date) ?? ""
        if zone.secondsFromGMT(for: date) == 0, ["GMT", "UTC", "GMT+0", ""].contains(abbreviation) { abbreviation = "UTC" }
        return f.string(from: date) + " " + abbreviation
    }

    /// A published port as `docker ps` shows it.
    struct Port: Sendable, Equatable {
        var ip: String
        var privatePort: Int
        var publicPort: Int
        var type: String
    }

    /// docker/cli `DisplayablePorts`: "127.0.0.1:8080->80/tcp, 9000-9001/tcp"; unpublished ports and
    /// ports published on the same number are grouped into ranges.
    static func ports(_ input: [Port]) -> String {
        let ports = input.sorted {
            ($0.privatePort, $0.ip, $0.publicPort, $0.type) < ($1.privatePort, $1.ip, $1.publicPort, $1.type)
        }
        var groups: [String: (first: Int, last: Int)] = [:]
        var keys: [String] = []
        var result: [String] = []
        var mappings: [String] = []
        for p in ports {
            var key = p.type
            if !p.ip.isEmpty {
                if p.publicPort != p.privatePort {
                    mappings.append("\(hostPort(p.ip, p.publicPort))->\(p.privatePort)/\(p.type)")
                    continue
                }
                key = "\(p.ip)/\(p.type)"
            }
            guard let g = groups[key] else {
                groups[key] = (p.privatePort, p.privatePort)
                keys.append(key)
                continue
            }
            if p.privatePort == g.last + 1 {
                groups[key] = (g.first, p.privatePort)
                continue
            }
            result.append(group(key, g.first, g.last))
            groups[key] = (p.privatePort, p.privatePort)
        }
        for key in keys { result.append(group(key, groups[key]!.first, groups[key]!.last)) }
        return (result + mappings).joined(separator: ", ")
    }

    private static func group(_ key: String, _ first: Int, _ last: Int) -> String {
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        let range = first == last ? "\(first)" : "\(first)-\(last)"
        if parts.count == 2 { return "\(parts[0]):\(range)->\(range)/\(parts[1])" }
        return "\(range)/\(key)"
    }

    /// `net.JoinHostPort`: IPv6 addresses in brackets.
    static func hostPort(_ ip: String, _ port: Int) -> String {
        ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
