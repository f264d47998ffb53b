import YAML

// Unique keys of list entries (the spec's "unique resources" table, plus compose-go's extra lists).
extension NodeMerge {
    /// The key an entry is unique by; nil when it has none (the entry is then kept as is).
    static func key(of node: YAMLNode, _ kind: UniqueKey) -> String? {
        switch kind {
        case .beforeEquals:
            guard let s = node.scalarValue else { return nil }
            return s.firstIndex(of: "=").map { String(s[..<$0]) } ?? s
        case .tmpfs:
            // `/run:size=64m` → `/run`
            guard let s = node.scalarValue else { return nil }
            return String(s.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        case .envFile:
            return node.scalarValue ?? node["path"]?.scalarValue
        case .expose:
            return node.scalarValue
        case .device:
            if let s = node.scalarValue {
                let parts = s.split(separator: ":", omittingEmptySubsequences: false)
                return String(parts.count > 1 ? parts[1] : parts[0])
            }
            return node["target"]?.scalarValue
        case .volume:
            if let s = node.scalarValue { return volumeTarget(s) }
            return node["target"]?.scalarValue
        case .mount(let dir):
            if let s = node.scalarValue { return "\(dir)/\(s)" }
            if let t = node["target"]?.scalarValue { return t.hasPrefix("/") || dir.isEmpty ? t : "\(dir)/\(t)" }
            return node["source"]?.scalarValue.map { "\(dir)/\($0)" }
        case .port:
            return portKey(node)
        }
    }

    /// Target of a short volume spec `[source:]target[:mode]`, with Windows drive letters in the source.
    static func volumeTarget(_ spec: String) -> String {
        var parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 3, parts[0].count == 1, parts[0].first?.isLetter == true,
           parts[1].hasPrefix("\\") || parts[1].hasPrefix("/") {
            parts.replaceSubrange(0...1, with: [parts[0] + ":" + parts[1]])
        }
        return parts.count == 1 ? parts[0] : parts[1]
    }

    /// `ip|published|target|protocol`, for the short syntax and the long one alike.
    static func portKey(_ node: YAMLNode) -> String? {
        if let s = node.scalarValue {
            var spec = Substring(s)
            var proto = "tcp"
            if let slash = spec.lastIndex(of: "/") {
                proto = String(spec[spec.index(after: slash)...])
                spec = spec[..<slash]
            }
            var ip = ""
            if spec.hasPrefix("["), let close = spec.firstIndex(of: "]") {
                ip = String(spec[spec.index(after: spec.startIndex)..<close])
                spec = spec[spec.index(after: close)...].drop { $0 == ":" }
            }
            var parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if parts.count > 2, ip.isEmpty {
                ip = parts[0..<(parts.count - 2)].joined(separator: ":")
                parts.removeFirst(parts.count - 2)
            }
            let target = parts.last ?? ""
            let published = parts.count > 1 ? parts[parts.count - 2] : ""
            return "\(ip)|\(published)|\(target)|\(proto)"
        }
        guard let target = node["target"]?.scalarValue else { return nil }
        let published = node["published"]?.scalarValue ?? ""
        let ip = node["host_ip"]?.scalarValue ?? ""
        let proto = node["protocol"]?.scalarValue ?? "tcp"
        return "\(ip)|\(published)|\(target)|\(proto)"
    }
}
