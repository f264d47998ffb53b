import Foundation

/// A tar archive of named entries whose file contents come from anywhere on the host, streamed in
/// fixed-size chunks (a build context that is not one directory, such as the supervisor image's).
/// Host files are read as their archive entry is reached, so memory stays one chunk.
public struct FileListTarStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    public enum Entry: Sendable, Equatable {
        case directory(name: String, mode: UInt32)
        case bytes(name: String, content: [UInt8], mode: UInt32)
        /// The content of `source` (symlinks followed) stored under `name`.
        case hostFile(name: String, source: String, mode: UInt32)
    }

    let entries: [Entry]
    let chunkSize: Int
    let failure: FailureBox?

    public init(entries: [Entry], chunkSize: Int = 1 << 20, failure: FailureBox? = nil) {
        self.entries = entries
        self.chunkSize = Swift.max(chunkSize, TarHeader.blockSize)
        self.failure = failure
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let writer: FileListTarWriter
        let failure: FailureBox?
        public mutating func next() async throws -> [UInt8]? {
            do {
                return try writer.nextChunk()
            } catch {
                failure?.record(error)
                throw error
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(writer: FileListTarWriter(entries: entries, chunkSize: chunkSize), failure: failure)
    }
}

/// The state of one pass over a `FileListTarStream`.
final class FileListTarWriter {
    private var entries: ArraySlice<Entry>
    private let chunkSize: Int
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var fd: Int32 = -1
    private var remaining: Int64 = 0
    private var padAfterFile: [UInt8] = []
    private var source = ""
    private var ended = false

    typealias Entry = FileListTarStream.Entry

    init(entries: [Entry], chunkSize: Int) {
        self.entries = entries[...]
        self.chunkSize = chunkSize
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Fills a chunk through raw buffers: element-wise array appends are far too slow in debug builds.
    func nextChunk() throws(BuildContextError) -> [UInt8]? {
        var failure: BuildContextError?
        let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
            count = 0
            do {
                try fill(buffer, &count)
            } catch {
                failure = (error as? BuildContextError) ?? BuildContextError("\(error)")
            }
        }
        if let failure { throw failure }
        return chunk.isEmpty ? nil : chunk
    }

    private func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ count: inout Int) throws(BuildContextError) {
        while count < buffer.count {
            if pendingOffset < pending.count {
                let n = min(buffer.count - count, pending.count - pendingOffset)
                let at = count, from = pendingOffset
                pending.withUnsafeBufferPointer { src in
                    (buffer.baseAddress! + at).initialize(from: src.baseAddress! + from, count: n)
                }
                count += n
                pendingOffset += n
            } else if fd >= 0 {
                try readFile(buffer, &count)
            } else if let entry = entries.popFirst() {
                try start(entry)
            } else if !ended {
                ended = true
                queue(TarHeader.endOfArchive)
            } else {
                return
            }
        }
    }

    private func queue(_ bytes: [UInt8]) {
        pending = bytes
        pendingOffset = 0
    }

    private func start(_ entry: Entry) throws(BuildContextError) {
        // A fixed time keeps the archive, and so the build cache, the same from one build to the next.
        switch entry {
        case .directory(let name, let mode):
            queue(TarHeader.encode(TarEntry(name: name, kind: .directory, mode: mode, modificationTime: 0)))
        case .bytes(let name, let content, let mode):
            let size = Int64(content.count)
            queue(TarHeader.encode(TarEntry(name: name, kind: .file(size: size), mode: mode, modificationTime: 0))
                  + content + TarHeader.padding(size))
        case .hostFile(let name, let path, let mode):
            let handle = open(path, O_RDONLY | O_CLOEXEC)
            guard handle >= 0 else { throw BuildContextError("cannot open \(path): \(String(cString: strerror(errno)))") }
            var st = stat()
            guard fstat(handle, &st) == 0 else {
                close(handle)
                throw BuildContextError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            let size = Int64(st.st_size)
            queue(TarHeader.encode(TarEntry(name: name, kind: .file(size: size), mode: mode, modificationTime: 0)))
            fd = handle
            remaining = size
            padAfterFile = TarHeader.padding(size)
            source = path
        }
    }

    /// Reads file bytes straight into the chunk; at the end of the file, queues its padding.
    private func readFile(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ count: inout Int) throws(BuildContextError) {
        guard remaining > 0 else {
            close(fd)
            fd = -1
            queue(padAfterFile)
            return
        }
        let want = Int(min(Int64(buffer.count - count), remaining))
        let got = read(fd, buffer.baseAddress! + count, want)
        if got < 0 {
            if errno == EINTR { return }
            let reason = String(cString: strerror(errno))
            close(fd)
            fd = -1
            throw BuildContextError("cannot read \(source): \(reason)")
        }
        // A file that shrank while being sent keeps its announced size, padded with zeros.
        let used = got == 0 ? want : got
        if got == 0 { (buffer.baseAddress! + count).initialize(repeating: 0, count: want) }
        count += used
        remaining -= Int64(used)
    }
}
