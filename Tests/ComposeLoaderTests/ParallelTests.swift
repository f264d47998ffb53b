#if canImport(Glibc)
import Glibc
#endif
import ComposeModel
import Foundation
import Testing

@Suite struct ParallelTests {
    /// The thread each item ran on.
    private func threads(_ count: Int, minimumPerThread: Int? = nil) -> Set<UInt> {
        let items = Array(0..<count)
        let ran: [UInt] = minimumPerThread.map { min in Parallel.map(items, minimumPerThread: min) { _ in UInt(pthread_self()) } }
            ?? Parallel.map(items) { _ in UInt(pthread_self()) }
        return Set(ran)
    }

    @Test func keepsOrder() {
        let items = Array(0..<1000)
        #expect(Parallel.map(items) { $0 * 2 } == items.map { $0 * 2 })
        #expect(Parallel.map(Array(0..<3), minimumPerThread: 1) { $0 + 1 } == [1, 2, 3])
    }

    @Test func firstErrorInItemOrderIsThrown() {
        struct Failure: Error, Equatable { let item: Int }
        var items = Array(0..<200)
        #expect(throws: Failure(item: 70)) {
            try Parallel.updateEach(&items) { (i: inout Int) throws(Failure) in
                if i == 70 || i == 150 { throw Failure(item: i) }
                i += 1000
            }
        }
        // Every item was still edited, as the other chunks ran on.
        #expect(items.filter { $0 >= 1000 }.count == 198)
        #expect(throws: Failure(item: 3)) {
            try Parallel.forEach(Array(0..<200)) { (i: Int) throws(Failure) in if i % 100 == 3 { throw Failure(item: i) } }
        }
        #expect(throws: Never.self) { try Parallel.forEach(Array(0..<200)) { (_: Int) throws(Failure) in } }
    }

    @Test func fewBigItemsRunOnSeveralThreads() throws {
        try #require(Parallel.width > 1, "needs two cores")
        // A file's two pieces, or an output's two shares: each its own thread.
        #expect(threads(2, minimumPerThread: 1).count == 2)
    }

    @Test func smallItemsStayTogetherBelowTheThreshold() throws {
        #expect(threads(Parallel.threshold / 2 - 1).count == 1)
        try #require(Parallel.width > 1, "needs two cores")
        #expect(threads(Parallel.threshold).count == 2)
    }

    /// Where the kernel offers transparent huge pages on request, the loading thread's heap asks.
    @Test func loadingHeapAsksForHugePages() throws {
        #if os(Linux)
        let mode = (try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)) ?? ""
        try #require(mode.contains("[madvise]") || mode.contains("[always]"), "transparent huge pages are off here")
        let before = HeapAdvice.hugePages
        HeapAdvice.hugePages = true
        defer { HeapAdvice.hugePages = before }
        let advised = try #require(HeapAdvice.adviseCallingThread())
        // The mapping holding the advised heap carries the `hg` (MADV_HUGEPAGE) flag.
        let address = advised.lowerBound
        // procfs files report size 0: read to the end rather than by size.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        let smaps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        var inRange = false
        var flags: String?
        for line in smaps.split(separator: "\n") {
            if let dash = line.firstIndex(of: "-"), let space = line.firstIndex(of: " "), dash < space,
               let low = UInt(line[..<dash], radix: 16), let high = UInt(line[line.index(after: dash)..<space], radix: 16) {
                inRange = low <= address && address < high
            } else if inRange, line.hasPrefix("VmFlags:") {
                flags = String(line)
            }
        }
        let found = try #require(flags)
        #expect(found.split(separator: " ").contains("hg"))
        #endif
    }
}
