/// Exponential backoff as a small pure function: `base`, doubling per failed attempt, capped.
/// attempt 1 → base, 2 → 2·base, 3 → 4·base … never above `cap`.
public func restartBackoff(attempt: Int, base: Duration, cap: Duration) -> Duration {
    guard attempt > 1 else { return min(base, cap) }
    var delay = base
    for _ in 1..<attempt {
        delay = delay * 2
        if delay >= cap { return cap }
    }
    return delay
}
