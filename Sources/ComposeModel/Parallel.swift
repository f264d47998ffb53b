#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits work over a big collection (a project's services) across the machine's cores.
/// Small inputs stay on the calling thread: below `threshold` items the threads cost more than they save.
package enum Parallel {
    package static let threshold = 64

    /// The cores to use: the online CPUs, at most 8; `SWIFTCOMPOSE_THREADS` overrides (1 = one thread).
    package static let width: Int = {
        if let text = getenv("SWIFTCOMPOSE_THREADS"), let n = Int(String(cString: text)), n > 0 { return min(8, n) }
        return max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    /// `items.map(transform)`, in contiguous chunks on up to `width` threads, each of at least
    /// `minimumPerThread` items (1 for a few big items, such as a file's pieces); order is kept.
    package static func map<A, B>(_ items: [A], minimumPerThread: Int = threshold / 2, _ transform: (A) -> B) -> [B] {
        let chunks = min(width, items.count / max(1, minimumPerThread))
        guard chunks > 1 else { return items.map(transform) }
        return items.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            return collect(count: input.count, chunks: chunks) { transform(input[$0]) }
        }
    }

    /// `map` that edits each item where it is, on up to `width` threads. A copy of an item (a
    /// service's node tree) shares its storage with the original, so its first edit at every level
    /// copied that level again; in place nothing is copied.
    package static func update<A, B>(_ items: inout [A], minimumPerThread: Int = threshold / 2, _ body: (inout A) -> B) -> [B] {
        let chunks = min(width, items.count / max(1, minimumPerThread))
        guard chunks > 1 else { return items.indices.map { body(&items[$0]) } }
        return items.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            return collect(count: buffer.count, chunks: chunks) { body(&buffer[$0]) }
        }
    }

    /// `update` with an edit that may fail: every item is edited, then the first error in item order
    /// is thrown, the one a single pass in order would have stopped at.
    package static func updateEach<A, E: Error>(_ items: inout [A], _ body: (inout A) throws(E) -> Void) throws(E) {
        try throwFirst(update(&items) { item in caught { () throws(E) in try body(&item) } })
    }

    /// `updateEach` for a check that only reads each item (through `map`: no copy of the items).
    package static func forEach<A, E: Error>(_ items: [A], _ body: (A) throws(E) -> Void) throws(E) {
        try throwFirst(map(items) { item in caught { () throws(E) in try body(item) } })
    }

    /// The error `body` throws, as a value: a chunk on another thread cannot throw to the caller.
    private static func caught<E: Error>(_ body: () throws(E) -> Void) -> E? {
        do throws(E) {
            try body()
            return nil
        } catch {
            return error
        }
    }

    private static func throwFirst<E: Error>(_ errors: [E?]) throws(E) {
        if let first = errors.lazy.compactMap({ $0 }).first { throw first }
    }

    /// The results of `produce(i)` for `0..<count`, in contiguous chunks on `chunks` threads; each
    /// chunk touches only its own indices. Plain threads, joined before returning: the caller may be
    /// a Swift concurrency thread, and libdispatch's apply there often ran every chunk on the caller alone.
    private static func collect<B>(count n: Int, chunks: Int, _ produce: (Int) -> B) -> [B] {
        // Each result is built in its slot: no optional wrapper to unwrap into a second array
        // (a copy of every value, a whole `Service` each).
        [B](unsafeUninitializedCapacity: n) { buffer, initialized in
            nonisolated(unsafe) let results = buffer
            withoutActuallyEscaping(produce) { produce in
                nonisolated(unsafe) let produce = produce
                let run = { (c: Int) in
                    if c > 0 { HeapAdvice.adviseCallingThread() }
                    for i in (n * c / chunks)..<(n * (c + 1) / chunks) { (results.baseAddress! + i).initialize(to: produce(i)) }
                }
                var threads: [pthread_t] = []
                for c in 1..<chunks {
                    let job = Unmanaged.passRetained(Job { run(c) }).toOpaque()
                    var thread = pthread_t()
                    if pthread_create(&thread, nil, { Unmanaged<Job>.fromOpaque($0!).takeRetainedValue().work(); return nil }, job) == 0 {
                        threads.append(thread)
                    } else {
                        Unmanaged<Job>.fromOpaque(job).takeRetainedValue().work()
                    }
                }
                run(0)
                for thread in threads { pthread_join(thread, nil) }
            }
            initialized = n
        }
    }

    private final class Job {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }
}
