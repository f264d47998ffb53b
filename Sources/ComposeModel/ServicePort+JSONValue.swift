extension ServicePort {
    /// What the encoder gives for `encode(to:)`, built directly.
    func canonicalJSON() -> JSONValue {
        var b = JSONObjectBuilder()
        b.put("name", name)
        b.put("mode", mode)
        b.put("host_ip", hostIP)
        b.put("target", target)
        b.put("published", published)
        b.put("protocol", `protocol`)
        b.put("app_protocol", appProtocol)
        for k in extensions.keys.sorted() { b.put(k, extensions[k]) }
        return b.object
    }
}
