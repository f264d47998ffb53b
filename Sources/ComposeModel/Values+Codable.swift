extension ComposeDuration: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(parsing: decoder.scalarString())
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension ByteSize: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(parsing: decoder.scalarString())
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(bytes)
    }
}
