import EngineAPI

extension AttachedSession {
    /// The session on our terminal in raw mode, telling the engine the window size at start and
    /// on every SIGWINCH (`resize` is the exec's or the container's resize call).
    func runInTerminal(resize: @escaping @Sendable (_ rows: Int, _ columns: Int) async -> Void) async throws -> Outcome {
        try await Terminal.withRawMode {
            if let size = Terminal.windowSize() { await resize(size.rows, size.columns) }
            let watcher = Terminal.onResize { rows, columns in Task { await resize(rows, columns) } }
            defer { watcher.cancel() }
            return try await run()
        }
    }
}
