extension ServiceVolume {
    /// What the encoder gives for `encode(to:)`, built directly; the option blocks use the encoder.
    func canonicalJSON() throws -> JSONValue {
        var b = JSONObjectBuilder()
        b.put("type", type.rawValue)
        b.put("source", source)
        b.put("target", target)
        b.put("read_only", readOnly)
        b.put("consistency", consistency)
        try b.put("bind", bind)
        try b.put("volume", volume)
        try b.put("tmpfs", tmpfs)
        try b.put("image", image)
        for k in extensions.keys.sorted() { b.put(k, extensions[k]) }
        return b.object
    }
}
