extension Healthcheck {
    /// What the encoder gives for `encode(to:)`, built directly.
    func canonicalJSON() -> JSONValue {
        var b = JSONObjectBuilder()
        if let test { b.always("test", test) }
        b.put("timeout", timeout)
        b.put("interval", interval)
        b.put("retries", retries)
        b.put("start_period", startPeriod)
        b.put("start_interval", startInterval)
        b.put("disable", disable)
        return b.object
    }
}
