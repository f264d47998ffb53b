extension Service {
    /// `x-autoscale`, nil when absent. The loader has already rejected an invalid one, so a value
    /// that fails to decode here (a hand-built `Service`) also reads as nil.
    public var autoscale: AutoscalePolicy? {
        guard let v = extensions[AutoscalePolicy.key] else { return nil }
        return try? AutoscalePolicy(decoding: v)
    }

    /// `x-supervise`, with defaults when absent (or, for a hand-built `Service`, invalid).
    public var supervise: SupervisePolicy {
        guard let v = extensions[SupervisePolicy.key], let p = try? SupervisePolicy(decoding: v) else {
            return SupervisePolicy()
        }
        return p
    }
}
