/// Keys waiting for work, like a Kubernetes workqueue: a key is queued once however often it is added,
/// never handed to two workers at once, and a key added while being worked on runs again afterwards,
/// no sooner than `minInterval` after its last run, so a flood of events cannot make it hot-loop.
actor WorkQueue<Key: Hashable & Sendable> {
    private var queue: [Key] = []
    private var queued: Set<Key> = []
    private var processing: Set<Key> = []
    private var dirty: Set<Key> = []
    private var waiters: [CheckedContinuation<Key?, Never>] = []
    private var closed = false
    private var lastStart: [Key: ContinuousClock.Instant] = [:]
    let minInterval: Duration

    init(minInterval: Duration = .milliseconds(50)) {
        self.minInterval = minInterval
    }

    func add(_ key: Key) {
        guard !closed else { return }
        if processing.contains(key) {
            dirty.insert(key)
            return
        }
        guard queued.insert(key).inserted else { return }
        if !waiters.isEmpty {
            queued.remove(key)
            processing.insert(key)
            lastStart[key] = .now
            waiters.removeFirst().resume(returning: key)
        } else {
            queue.append(key)
        }
    }

    /// Adds `key` once `delay` has passed (a scheduled restart, a backoff).
    nonisolated func add(_ key: Key, after delay: Duration) {
        Task {
            try? await Task.sleep(for: delay)
            await self.add(key)
        }
    }

    /// The next key to work on; nil once the queue is shut down.
    func next() async -> Key? {
        if closed { return nil }
        if !queue.isEmpty {
            let key = queue.removeFirst()
            queued.remove(key)
            processing.insert(key)
            lastStart[key] = .now
            return key
        }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// The worker finished `key`; if it was added meanwhile it comes back, no sooner than `minInterval`
    /// after its last start.
    func done(_ key: Key) {
        processing.remove(key)
        guard dirty.remove(key) != nil else { return }
        let since = lastStart[key].map { $0.duration(to: .now) } ?? minInterval
        if since >= minInterval { add(key) } else { add(key, after: minInterval - since) }
    }

    func shutdown() {
        closed = true
        queue.removeAll()
        queued.removeAll()
        for w in waiters { w.resume(returning: nil) }
        waiters.removeAll()
    }

    var count: Int { queue.count }
}
