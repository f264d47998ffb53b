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

    public func makeAsyncIterator() -> TarChunkIterator {
        TarChunkIterator(writer: FileListTarWriter(entries: entries, chunkSize: chunkSize), failure: failure)
    }
}

/// The state of one pass over a `FileListTarStream`.
final class FileListTarWriter: TarChunkWriter {
    private var entries: ArraySlice<Entry>
    private var ended = false
    private let out: TarChunkBuffer

    typealias Entry = FileListTarStream.Entry

    init(entries: [Entry], chunkSize: Int) {
        self.entries = entries[...]
        self.out = TarChunkBuffer(chunkSize: chunkSize)
    }

    func nextChunk() throws(BuildContextError) -> [UInt8]? {
        try out.nextChunk { () throws(BuildContextError) -> Bool in
            if let entry = entries.popFirst() {
                try start(entry)
            } else if !ended {
                ended = true
                out.queue(TarHeader.endOfArchive)
            } else {
                return false
            }
            return true
        }
    }

    private func start(_ entry: Entry) throws(BuildContextError) {
        // A fixed time keeps the archive, and so the build cache, the same from one build to the next.
        switch entry {
        case .directory(let name, let mode):
            out.queue(TarHeader.encode(TarEntry(name: name, kind: .directory, mode: mode, modificationTime: 0)))
        case .bytes(let name, let content, let mode):
            let size = Int64(content.count)
            out.queue(TarHeader.encode(TarEntry(name: name, kind: .file(size: size), mode: mode, modificationTime: 0))
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
            out.queue(TarHeader.encode(TarEntry(name: name, kind: .file(size: size), mode: mode, modificationTime: 0)))
            out.copy(handle, size: size, readError: "cannot read \(path)")
        }
    }
}
