import OrderedCollections

/// Typed reads of one extension mapping. Strings that cast are accepted, as interpolated values
/// arrive as strings ("3", "true").
struct PolicyFields {
    let object: OrderedDictionary<String, JSONValue>

    /// Rejects a value that is not a mapping, and keys outside `known` with a did-you-mean hint.
    init(_ value: JSONValue, known: [String]) throws(PolicyError) {
        if case .null = value {
            object = [:]
            return
        }
        guard let o = value.objectValue else { throw PolicyError(key: nil, "must be a mapping") }
        for key in o.keys where !known.contains(key) {
            throw PolicyError(key: key, "additional property \"\(key)\" is not allowed", hint: Self.suggestion(key, known), atKey: true)
        }
        object = o
    }

    func has(_ key: String) -> Bool {
        if let v = object[key], v != .null { return true }
        return false
    }

    func number(_ key: String) throws(PolicyError) -> Double? {
        guard let v = object[key] else { return nil }
        switch v {
        case .null: return nil
        case .number(let d): return d
        case .string(let s): if let d = Double(s.trimmingWhitespace()), d.isFinite { return d }
        default: break
        }
        throw PolicyError(key: key, "must be a number")
    }

    func integer(_ key: String) throws(PolicyError) -> Int? {
        guard let d = try number(key) else { return nil }
        guard d == d.rounded(), abs(d) < 1e15 else { throw PolicyError(key: key, "must be an integer") }
        return Int(d)
    }

    func bool(_ key: String) throws(PolicyError) -> Bool? {
        guard let v = object[key] else { return nil }
        switch v {
        case .null: return nil
        case .bool(let b): return b
        case .string(let s):
            switch s.lowercased() {
            case "y", "yes", "true", "on": return true
            case "n", "no", "false", "off": return false
            default: break
            }
        default: break
        }
        throw PolicyError(key: key, "must be a boolean")
    }

    /// Go duration syntax; a bare number is accepted only when it is 0, as for other Compose durations.
    func duration(_ key: String) throws(PolicyError) -> ComposeDuration? {
        guard let v = object[key] else { return nil }
        let text: String
        switch v {
        case .null: return nil
        case .string(let s): text = s
        case .number(let d): text = JSONValue.formatNumber(d)
        default: throw PolicyError(key: key, "must be a duration")
        }
        do {
            return try ComposeDuration(parsing: text)
        } catch {
            throw PolicyError(key: key, error.message, hint: error.hint)
        }
    }

    /// The closest known key within a small edit distance.
    static func suggestion(_ key: String, _ known: [String]) -> String? {
        var best: (String, Int)?
        for name in known {
            let d = editDistance(key, name)
            guard d <= max(1, min(3, name.count / 3)) else { continue }
            if let b = best, b.1 <= d { continue }
            best = (name, d)
        }
        return best.map { "did you mean \($0.0)?" }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
