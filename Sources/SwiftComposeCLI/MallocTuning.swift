import ComposeModel

/// glibc's malloc tunables that swiftcompose sets (malloc.h is not part of Swift's Glibc module).
public enum MallocTuning {
    /// Short commands load a project in one burst of allocations. Commands run on a thread with its
    /// own arena, which otherwise grows page by page, one mprotect each (3700 for a 1000-service
    /// file): a large `M_TOP_PAD` grows it in a few steps, and huge pages take the page faults of
    /// such a load from 6700 to under 2000 (`HeapAdvice`). Pages are still touched only when used.
    public static func tuneForLoading() {
        StageClock.mark("main")  // the clock starts here: `start` below is argument parsing and setup
        setTopPad(32 << 20)
        HeapAdvice.hugePages = true
    }

    /// glibc's defaults, for a long run (`supervise`) that gives freed memory back.
    public static func tuneForLongRun() {
        setTopPad(128 << 10)
        HeapAdvice.hugePages = false
    }

    private static func setTopPad(_ bytes: Int32) {
        _ = mallopt(-2, bytes)  // M_TOP_PAD
    }
}

@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
