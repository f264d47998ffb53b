extension ServiceNetwork: Codable {
    public init(from decoder: any Decoder) throws {
        let f = try FieldReader(decoder)
        self.init(aliases: try f.strings("aliases"), ipv4Address: try f.opt("ipv4_address"), ipv6Address: try f.opt("ipv6_address"))
        linkLocalIPs = try f.strings("link_local_ips")
        macAddress = try f.opt("mac_address")
        priority = try f.opt("priority")
        gwPriority = try f.opt("gw_priority")
        interfaceName = try f.opt("interface_name")
        driverOpts = try f.map("driver_opts")
        extensions = try f.extensions()
    }

    public func encode(to encoder: any Encoder) throws {
        var w = FieldWriter(encoder)
        try w.put("aliases", aliases)
        try w.put("driver_opts", driverOpts)
        try w.put("gw_priority", gwPriority)
        try w.put("interface_name", interfaceName)
        try w.put("ipv4_address", ipv4Address)
        try w.put("ipv6_address", ipv6Address)
        try w.put("link_local_ips", linkLocalIPs)
        try w.put("mac_address", macAddress)
        try w.put("priority", priority)
        try w.extensions(extensions)
    }
}
