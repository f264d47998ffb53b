extension DevelopConfig: Codable {
    public init(from decoder: any Decoder) throws {
        self.init()
        if decoder.shape == .null { return }
        let f = try FieldReader(decoder)
        // A rule whose `path` is a list stands for one rule per path, as compose-go reads it.
        watch = try f.opt("watch", as: [WatchEntry].self)?.flatMap(\.rules) ?? []
        extensions = try f.extensions()
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("watch", watch)
        try w.extensions(extensions)
    }
}

struct WatchEntry: Decodable {
    var rules: [DevelopConfig.WatchRule]
    init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        let paths = try f.req("path", as: StringOrList.self).values
        let actionName: String = try f.req("action")
        guard let action = DevelopConfig.WatchRule.Action(rawValue: actionName) else {
            throw ValueError("invalid watch action \"\(actionName)\"", hint: "use rebuild, sync, restart, sync+restart or sync+exec")
        }
        var rule = DevelopConfig.WatchRule(path: paths.first ?? "", action: action, target: try f.opt("target"))
        rule.ignore = try f.strings("ignore")
        rule.include = try f.strings("include")
        rule.initialSync = try f.opt("initial_sync", as: FlexibleBool.self)?.value
        rule.exec = try f.opt("exec")
        rule.extensions = try f.extensions()
        if action == .syncExec && rule.exec == nil {
            throw ValueError("watch action sync+exec needs 'exec'", hint: "add exec: {command: ...}")
        }
        rules = paths.map { p in
            var r = rule
            r.path = p
            return r
        }
    }
}

extension DevelopConfig.WatchRule: Codable {
    public init(from decoder: any Decoder) throws {
        let rules = try WatchEntry(from: decoder).rules
        guard let first = rules.first, rules.count == 1 else {
            throw ValueError("a watch rule needs exactly one path")
        }
        self = first
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("path", path)
        try w.put("action", action.rawValue)
        try w.put("target", target)
        try w.put("ignore", ignore)
        try w.put("include", include)
        try w.put("initial_sync", initialSync)
        try w.put("exec", exec)
        try w.extensions(extensions)
    }
}
