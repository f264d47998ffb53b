import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits work over a big collection (a project's services) across the machine's cores.
/// Small inputs stay on the calling thread: below `threshold` items the threads cost more than they save.
package enum Parallel {
    package static let threshold = 64

    /// The cores to use: the online CPUs, at most 8.
    package static let width: Int = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// `items.map(transform)`, in contiguous chunks on up to `width` threads; order is kept.
    package static func map<A, B>(_ items: [A], _ transform: (A) -> B) -> [B] {
        let n = items.count
        let chunks = min(width, n / (threshold / 2))
        guard n >= threshold, chunks > 1 else { return items.map(transform) }
        var out = [B?](repeating: nil, count: n)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            items.withUnsafeBufferPointer { input in
                nonisolated(unsafe) let input = input
                withoutActuallyEscaping(transform) { transform in
                    nonisolated(unsafe) let transform = transform
                    // Each chunk writes only its own slots.
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        for i in (n * c / chunks)..<(n * (c + 1) / chunks) {
                            results[i] = transform(input[i])
                        }
                    }
                }
            }
        }
        return out.map { $0! }
    }
}
