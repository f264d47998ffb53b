import OrderedCollections

extension DeployConfig: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(mode: try f.opt("mode"), replicas: try f.opt("replicas"))
        if let mode, !["replicated", "global", "replicated-job", "global-job"].contains(mode) {
            throw ValueError("invalid deploy mode \"\(mode)\"", hint: "use replicated or global")
        }
        if let replicas, replicas < 0 {
            throw ValueError("deploy.replicas must not be negative")
        }
        labels = try f.map("labels")
        updateConfig = try f.opt("update_config")
        rollbackConfig = try f.opt("rollback_config")
        resources = try f.opt("resources")
        restartPolicy = try f.opt("restart_policy")
        placement = try f.opt("placement")
        endpointMode = try f.opt("endpoint_mode")
        extensions = try f.extensions()
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("mode", mode)
        try w.put("replicas", replicas)
        try w.put("labels", labels)
        try w.put("update_config", updateConfig)
        try w.put("rollback_config", rollbackConfig)
        try w.put("resources", resources)
        try w.put("restart_policy", restartPolicy)
        try w.put("placement", placement)
        try w.put("endpoint_mode", endpointMode)
        try w.extensions(extensions)
    }
}

extension DeployConfig.Resources: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(limits: try f.opt("limits"), reservations: try f.opt("reservations"))
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("limits", limits)
        try w.put("reservations", reservations)
    }
}

extension DeployConfig.Resource: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(cpus: try f.opt("cpus", as: CPUCount.self)?.value, memory: try f.opt("memory"), pids: try f.opt("pids"))
        devices = try f.opt("devices") ?? []
        genericResources = try f.opt("generic_resources") ?? []
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("cpus", cpus)
        try w.put("memory", memory)
        try w.put("pids", pids)
        try w.put("devices", devices)
        try w.put("generic_resources", genericResources)
    }
}

/// A CPU count: a number or a numeric string ("0.5").
struct CPUCount: Decodable {
    var value: Double
    init(from decoder: any Decoder) throws {
        let s = try decoder.scalarString()
        guard let v = Double(s.trimmingWhitespace()), v >= 0, v.isFinite else {
            throw ValueError("invalid cpus value \"\(s)\"", hint: "use a number of CPUs such as 0.5 or 2")
        }
        value = v
    }
}

extension DeployConfig.RestartPolicy: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(condition: try f.opt("condition"), delay: try f.opt("delay"), maxAttempts: try f.opt("max_attempts"), window: try f.opt("window"))
        if let condition, !["none", "on-failure", "any"].contains(condition) {
            throw ValueError("invalid restart_policy condition \"\(condition)\"", hint: "use none, on-failure or any")
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("condition", condition)
        try w.put("delay", delay)
        try w.put("max_attempts", maxAttempts)
        try w.put("window", window)
    }
}

extension DeployConfig.UpdateConfig: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init()
        parallelism = try f.opt("parallelism")
        delay = try f.opt("delay")
        failureAction = try f.opt("failure_action")
        monitor = try f.opt("monitor")
        maxFailureRatio = try f.opt("max_failure_ratio")
        order = try f.opt("order")
        if let order, order != "start-first", order != "stop-first" {
            throw ValueError("invalid update order \"\(order)\"", hint: "use start-first or stop-first")
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("parallelism", parallelism)
        try w.put("delay", delay)
        try w.put("failure_action", failureAction)
        try w.put("monitor", monitor)
        try w.put("max_failure_ratio", maxFailureRatio)
        try w.put("order", order)
    }
}

extension DeployConfig.Placement: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init()
        constraints = try f.strings("constraints")
        preferences = try f.opt("preferences", as: [DecodedMap<String>].self)?.map(\.values) ?? []
        maxReplicasPerNode = try f.opt("max_replicas_per_node")
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("constraints", constraints)
        try w.put("preferences", preferences.map(EncodedMap.init))
        try w.put("max_replicas_per_node", maxReplicasPerNode)
    }
}

extension DeviceRequest: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(capabilities: try f.strings("capabilities"), count: try f.opt("count", as: DeviceCount.self)?.value,
                  deviceIDs: try f.strings("device_ids"), driver: try f.opt("driver"))
        options = try f.map("options")
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("capabilities", capabilities)
        try w.put("count", count)
        try w.put("device_ids", deviceIDs)
        try w.put("driver", driver)
        try w.put("options", options)
    }
}

/// A device count: a number, or "all" (-1).
struct DeviceCount: Decodable {
    var value: Int
    init(from decoder: any Decoder) throws {
        let s = try decoder.scalarString()
        if s == "all" { value = -1; return }
        guard let v = Int(s) else {
            throw ValueError("invalid device count \"\(s)\"", hint: "use a number or \"all\"")
        }
        value = v
    }
}

/// `gpus:`: "all" or a list of device requests.
struct GPUs: Decodable {
    var values: [DeviceRequest]
    init(from decoder: any Decoder) throws {
        if decoder.shape == .sequence {
            values = try [DeviceRequest](from: decoder)
        } else {
            let s = try decoder.scalarString()
            guard s == "all" else {
                throw ValueError("invalid gpus value \"\(s)\"", hint: "use \"all\" or a list of device requests")
            }
            values = [DeviceRequest(capabilities: ["gpu"], count: -1)]
        }
    }
}
