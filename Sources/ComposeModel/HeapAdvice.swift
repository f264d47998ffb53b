#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Transparent huge pages for the heap of a loading thread. Loading a big project touches tens of
/// MB of fresh heap; with 4 KB pages that is one page fault per page (about 5000 for a
/// 1000-service file, a fifth of `config`'s time on this VM), with 2 MB pages one per 512. A hint: where
/// the kernel has THP off (`never`) nothing changes. glibc's `glibc.malloc.hugetlb=1` does the
/// same, but only from the environment at exec.
package enum HeapAdvice {
    /// Set for short commands (main.swift); a long-running supervisor leaves its heap as is.
    nonisolated(unsafe) package static var hugePages = false

    /// glibc maps each heap of a thread arena as one aligned region of this size (64-bit).
    private static let arenaHeapSize = 64 << 20
    private static let hugePage = 2 << 20

    /// Advises the heap that the calling thread allocates from (its arena's current heap); returns
    /// the range advised.
    @discardableResult
    package static func adviseCallingThread() -> Range<UInt>? {
        #if os(Linux)
        guard hugePages, let probe = malloc(64) else { return nil }
        defer { free(probe) }
        // Also keeps the compiler from dropping the probe: it only sees it cast to a number.
        guard malloc_usable_size(probe) > 0 else { return nil }
        let address = UInt(bitPattern: probe)
        let brk = UInt(bitPattern: sbrk(0))
        if address > brk {
            // A thread arena: glibc maps each of its heaps as one region aligned to its size.
            let base = address & ~UInt(arenaHeapSize - 1)
            guard madvise(UnsafeMutableRawPointer(bitPattern: base), arenaHeapSize, MADV_HUGEPAGE) == 0 else { return nil }
            return base..<(base + UInt(arenaHeapSize))
        }
        // The main arena, the brk heap: from the probe up to the break.
        let start = (address + UInt(hugePage - 1)) & ~UInt(hugePage - 1)
        guard brk > start, madvise(UnsafeMutableRawPointer(bitPattern: start), Int(brk - start), MADV_HUGEPAGE) == 0 else { return nil }
        return start..<brk
        #else
        return nil
        #endif
    }
}

#if os(Linux)
@_silgen_name("malloc_usable_size")
private func malloc_usable_size(_ pointer: UnsafeMutableRawPointer?) -> Int
#endif
