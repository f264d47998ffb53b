/// glibc's malloc tunables that swiftcompose sets (malloc.h is not part of Swift's Glibc module).
public enum MallocTuning {
    /// How far a heap grows past each request (`M_TOP_PAD`). Commands run on a thread with its own
    /// arena, which otherwise grows page by page, one mprotect each (3700 for a 1000-service file);
    /// a large pad grows it in a few steps, and pages are still touched only when used.
    public static func setTopPad(_ bytes: Int32) {
        _ = mallopt(-2, bytes)  // M_TOP_PAD
    }

    public static let loadingTopPad: Int32 = 32 << 20
    /// glibc's default: a long run gives freed memory back.
    public static let defaultTopPad: Int32 = 128 << 10
}

@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
