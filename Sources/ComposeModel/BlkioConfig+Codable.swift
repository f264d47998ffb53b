extension BlkioConfig: Codable {
    public init(from decoder: any Decoder) throws {
        self.init()
        if decoder.shape == .null { return }
        let f = try FieldReader(decoder)
        weight = try f.opt("weight", as: BlkioWeight.self)?.value
        weightDevice = try f.opt("weight_device") ?? []
        deviceReadBps = try f.opt("device_read_bps", as: [ByteRate].self)?.map(\.device) ?? []
        deviceWriteBps = try f.opt("device_write_bps", as: [ByteRate].self)?.map(\.device) ?? []
        deviceReadIOps = try f.opt("device_read_iops") ?? []
        deviceWriteIOps = try f.opt("device_write_iops") ?? []
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("weight", weight)
        try w.put("weight_device", weightDevice)
        try w.put("device_read_bps", deviceReadBps)
        try w.put("device_read_iops", deviceReadIOps)
        try w.put("device_write_bps", deviceWriteBps)
        try w.put("device_write_iops", deviceWriteIOps)
    }
}

/// A blkio weight: 10-1000 (0 = unset).
struct BlkioWeight: Decodable {
    var value: Int
    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
        guard value == 0 || (10...1000).contains(value) else {
            throw ValueError("invalid blkio weight \(value)", hint: "use a value between 10 and 1000")
        }
    }
}

extension BlkioConfig.WeightDevice: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(path: try f.req("path"), weight: try f.req("weight", as: BlkioWeight.self).value)
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("path", path)
        try w.put("weight", weight)
    }
}

/// `*_iops` entries: a plain count.
extension BlkioConfig.ThrottleDevice: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(path: try f.req("path"), rate: try f.req("rate"))
        if rate < 0 { throw ValueError("blkio rate must not be negative") }
    }
    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("path", path)
        try w.put("rate", rate)
    }
}

/// `*_bps` entries: the rate may carry a unit ("10mb").
struct ByteRate: Decodable {
    var device: BlkioConfig.ThrottleDevice
    init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        let rate: ByteSize = try f.req("rate")
        guard rate.bytes >= 0 else { throw ValueError("blkio rate must not be negative") }
        device = .init(path: try f.req("path"), rate: rate.bytes)
    }
}
