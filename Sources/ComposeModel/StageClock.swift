#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stage timings of a load on stderr when `SWIFTCOMPOSE_TRACE_STAGES` is set: where the time of a
/// `config` goes, without a profiler.
package enum StageClock {
    package static let enabled = getenv("SWIFTCOMPOSE_TRACE_STAGES") != nil
    nonisolated(unsafe) private static var last = now()

    package static func mark(_ stage: StaticString) {
        guard enabled else { return }
        let t = now()
        let line = "stage \(stage): \((t - last) / 1000) us\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        last = t
    }

    private static func now() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1_000_000_000 + ts.tv_nsec
    }
}
