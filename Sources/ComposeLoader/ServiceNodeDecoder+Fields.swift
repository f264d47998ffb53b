import YAML
import ComposeModel
import OrderedCollections

// Each reader gives what the Codable path gives for the same node, or throws `Bail` where that
// path would throw or take a shape not handled here. A null value means "not set", as with
// `decodeIfPresent`.

extension ServiceNodeDecoder {
    /// A non-null scalar.
    static func scalar(_ node: YAMLNode) throws(Bail) -> String {
        guard case .scalar(let s, _) = node.kind, !node.isNull else { throw Bail() }
        return s
    }

    static func optString(_ node: YAMLNode) throws(Bail) -> String? {
        if node.isNull { return nil }
        return try scalar(node)
    }

    /// A sequence of non-null scalars.
    static func scalarItems(_ node: YAMLNode) throws(Bail) -> [String] {
        guard case .sequence(let items) = node.kind else { throw Bail() }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items { out.append(try scalar(item)) }
        return out
    }

    /// A mapping's scalar keys, each once, with scalar or null values.
    static func scalarPairs(_ node: YAMLNode) throws(Bail) -> [(key: String, value: String?)] {
        guard case .mapping(let entries) = node.kind else { throw Bail() }
        var out: [(key: String, value: String?)] = []
        out.reserveCapacity(entries.count)
        for e in entries {
            let k = try scalar(e.key)
            out.append((k, try optString(e.value)))
        }
        if out.count > 1 {
            var seen = Set<String>(minimumCapacity: out.count)
            for p in out where !seen.insert(p.key).inserted { throw Bail() }
        }
        return out
    }

    static func bool(_ node: YAMLNode) throws(Bail) -> Bool {
        guard let b = castBool(try scalar(node).trimmingCharacters()) else { throw Bail() }
        return b
    }

    static func integer<T: FixedWidthInteger>(_ type: T.Type, _ node: YAMLNode) throws(Bail) -> T {
        let s = try scalar(node).trimmingCharacters()
        if let v = T(s) { return v }
        if let d = Double(s), d.rounded() == d, let v = T(exactly: d) { return v }
        throw Bail()
    }

    /// A string or a list of strings.
    static func strings(_ node: YAMLNode) throws(Bail) -> [String] {
        if node.isNull { return [] }
        if case .sequence = node.kind { return try scalarItems(node) }
        return [try scalar(node)]
    }

    /// `list_or_dict` keeping "no value" as nil.
    static func listOrDict(_ node: YAMLNode) throws(Bail) -> OrderedDictionary<String, String?> {
        var out: OrderedDictionary<String, String?> = [:]
        switch node.kind {
        case .sequence:
            for item in try scalarItems(node) {
                if let eq = item.firstIndex(ofASCII: UInt8(ascii: "=")) {
                    out[String(item[..<eq])] = .some(String(item[item.index(after: eq)...]))
                } else {
                    out[item] = .some(nil)
                }
            }
        case .mapping:
            let pairs = try scalarPairs(node)
            out.reserveCapacity(pairs.count)
            for (k, v) in pairs { out[k] = .some(v) }
        case .scalar:
            guard node.isNull else { throw Bail() }
        }
        return out
    }

    /// `list_or_dict` with "no value" as the empty string.
    static func stringMap(_ node: YAMLNode) throws(Bail) -> OrderedDictionary<String, String> {
        var out: OrderedDictionary<String, String> = [:]
        for (k, v) in try listOrDict(node) { out[k] = v ?? "" }
        return out
    }

    static func shellCommand(_ node: YAMLNode) throws(Bail) -> [String]? {
        if node.isNull { return nil }
        if case .sequence = node.kind { return try scalarItems(node) }
        do {
            return try ShellWords.split(try scalar(node))
        } catch {
            throw Bail()
        }
    }

    static func restart(_ node: YAMLNode) throws(Bail) -> String? {
        if node.isNull { return nil }
        let value = try scalar(node)
        // Equal short strings compare as one word; the usual values end here.
        if value == "unless-stopped" || value == "always" || value == "no" || value == "on-failure" { return value }
        let colon = value.firstIndex(ofASCII: UInt8(ascii: ":"))
        switch colon.map({ value[..<$0] }) ?? value[...] {
        case "no", "always", "unless-stopped":
            guard colon == nil else { throw Bail() }
        case "on-failure":
            guard let colon else { break }
            guard let n = Int(value[value.index(after: colon)...]), n >= 0 else { throw Bail() }
        default:
            throw Bail()
        }
        return value
    }

    /// Short-syntax ports only.
    static func ports(_ node: YAMLNode) throws(Bail) -> [ServicePort] {
        if node.isNull { return [] }
        var out: [ServicePort] = []
        for spec in try scalarItems(node) {
            do {
                out += try PortParser.parse(spec)
            } catch {
                throw Bail()
            }
        }
        return out
    }

    /// Short-syntax volumes only.
    static func volumes(_ node: YAMLNode) throws(Bail) -> [ServiceVolume] {
        if node.isNull { return [] }
        var out: [ServiceVolume] = []
        for spec in try scalarItems(node) {
            do {
                out.append(try VolumeParser.parse(spec))
            } catch {
                throw Bail()
            }
        }
        return out
    }

    /// A list of names, or names mapped to null (defaults).
    static func networks(_ node: YAMLNode) throws(Bail) -> OrderedDictionary<String, ServiceNetwork?> {
        var out: OrderedDictionary<String, ServiceNetwork?> = [:]
        switch node.kind {
        case .sequence:
            for name in try scalarItems(node) { out[name] = .some(nil) }
        case .mapping:
            for (name, value) in try scalarPairs(node) {
                guard value == nil else { throw Bail() }
                out[name] = .some(nil)
            }
        case .scalar:
            guard node.isNull else { throw Bail() }
        }
        return out
    }

    func dependsOn(_ node: YAMLNode, key k: String) throws(Bail) -> OrderedDictionary<String, ServiceDependency> {
        var out: OrderedDictionary<String, ServiceDependency> = [:]
        switch node.kind {
        case .sequence:
            for name in try Self.scalarItems(node) { out[name] = ServiceDependency() }
        case .mapping(let entries):
            var seen = Set<String>(minimumCapacity: entries.count)
            for e in entries {
                let name = try Self.scalar(e.key)
                guard seen.insert(name).inserted, case .mapping(let fields) = e.value.kind else { throw Bail() }
                var d = ServiceDependency()
                var fieldSeen = Set<String>()
                for f in fields {
                    let fk = try Self.scalar(f.key)
                    guard fieldSeen.insert(fk).inserted else { throw Bail() }
                    if f.value.isNull { continue }
                    switch fk {
                    case "condition":
                        guard let c = ServiceDependency.Condition(rawValue: try Self.scalar(f.value)) else { throw Bail() }
                        d.condition = c
                    case "required": d.required = try Self.bool(f.value)
                    case "restart": d.restart = try Self.bool(f.value)
                    default: throw Bail()
                    }
                }
                out[name] = d
            }
        case .scalar:
            guard node.isNull else { throw Bail() }
        }
        return out
    }

    static func healthcheck(_ node: YAMLNode) throws(Bail) -> Healthcheck? {
        if node.isNull { return nil }
        guard case .mapping(let entries) = node.kind else { throw Bail() }
        var h = Healthcheck()
        var seen: UInt8 = 0
        func once(_ bit: UInt8) throws(Bail) {
            guard seen & bit == 0 else { throw Bail() }
            seen |= bit
        }
        for e in entries {
            let k = try scalar(e.key)
            let v = e.value
            switch k {
            case "test":
                try once(1)
                if v.isNull {
                    h.test = nil
                } else if case .sequence = v.kind {
                    let test = try scalarItems(v)
                    if let first = test.first, first != "CMD", first != "CMD-SHELL", first != "NONE" { throw Bail() }
                    h.test = test
                } else {
                    h.test = ["CMD-SHELL", try scalar(v)]
                }
            case "interval": try once(2); h.interval = try duration(v)
            case "timeout": try once(4); h.timeout = try duration(v)
            case "start_period": try once(8); h.startPeriod = try duration(v)
            case "start_interval": try once(16); h.startInterval = try duration(v)
            case "retries":
                try once(32)
                if v.isNull { continue }
                let r = try integer(Int.self, v)
                guard r >= 0 else { throw Bail() }
                h.retries = r
            case "disable":
                try once(64)
                h.disable = v.isNull ? nil : try bool(v)
            default:
                throw Bail()
            }
        }
        return h
    }

    static func logging(_ node: YAMLNode) throws(Bail) -> Logging? {
        if node.isNull { return nil }
        guard case .mapping(let entries) = node.kind else { throw Bail() }
        var driver: String?
        var options: OrderedDictionary<String, String> = [:]
        var seen = (driver: false, options: false)
        for e in entries {
            switch try scalar(e.key) {
            case "driver" where !seen.driver:
                seen.driver = true
                driver = try optString(e.value)
            case "options" where !seen.options:
                seen.options = true
                options = try stringMap(e.value)
            default: throw Bail()
            }
        }
        return Logging(driver: driver, options: options)
    }

    func ulimits(_ node: YAMLNode, key k: String) throws(Bail) -> OrderedDictionary<String, Ulimit> {
        if node.isNull { return [:] }
        guard case .mapping(let entries) = node.kind else { throw Bail() }
        var out: OrderedDictionary<String, Ulimit> = [:]
        for e in entries {
            let name = try Self.scalar(e.key)
            guard out[name] == nil else { throw Bail() }
            switch e.value.kind {
            case .scalar:
                out[name] = Ulimit(try Self.integer(Int64.self, e.value))
            case .mapping(let fields):
                guard fields.count == 2 else { throw Bail() }
                var soft: Int64?
                var hard: Int64?
                for f in fields {
                    switch try Self.scalar(f.key) {
                    case "soft" where soft == nil: soft = try Self.integer(Int64.self, f.value)
                    case "hard" where hard == nil: hard = try Self.integer(Int64.self, f.value)
                    default: throw Bail()
                    }
                }
                guard let soft, let hard, soft <= hard || hard < 0 else { throw Bail() }
                out[name] = Ulimit(soft: soft, hard: hard)
            case .sequence:
                throw Bail()
            }
        }
        return out
    }

    /// The list form: `host=ip` or `host:ip`, several addresses split on commas.
    static func extraHosts(_ node: YAMLNode) throws(Bail) -> OrderedDictionary<String, [String]> {
        if node.isNull { return [:] }
        var out: OrderedDictionary<String, [String]> = [:]
        for entry in try scalarItems(node) {
            guard let sep = entry.firstIndex(ofASCII: UInt8(ascii: "=")) ?? entry.firstIndex(ofASCII: UInt8(ascii: ":")),
                  sep != entry.startIndex else { throw Bail() }
            let host = String(entry[..<sep])
            for ip in entry[entry.index(after: sep)...].split(separator: ",") {
                let t = String(ip).trimmingCharacters()
                // "[::1]" → "::1", as the Codable path cleans it.
                let clean = t.hasPrefix("[") && t.hasSuffix("]") ? String(t.dropFirst().dropLast()) : t
                out[host, default: []].append(clean)
            }
        }
        return out
    }

    static func duration(_ node: YAMLNode) throws(Bail) -> ComposeDuration? {
        if node.isNull { return nil }
        do {
            return try ComposeDuration(parsing: try scalar(node))
        } catch {
            throw Bail()
        }
    }

    static func byteSize(_ node: YAMLNode) throws(Bail) -> ByteSize? {
        if node.isNull { return nil }
        do {
            return try ByteSize(parsing: try scalar(node))
        } catch {
            throw Bail()
        }
    }
}
