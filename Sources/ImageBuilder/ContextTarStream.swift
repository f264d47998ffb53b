import Foundation

/// The build context as tar chunks, produced on demand: each `next()` walks and reads only as far as
/// one chunk needs, so memory stays constant whatever the context's size.
public struct ContextTarStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let context: BuildContext
    let chunkSize: Int
    let failure: FailureBox?

    public func makeAsyncIterator() -> TarChunkIterator {
        TarChunkIterator(writer: ContextTarWriter(context: context, chunkSize: chunkSize), failure: failure)
    }
}

/// Walks the context depth-first in name order (as Docker's CLI does) and writes tar bytes into
/// fixed-size chunks.
final class ContextTarWriter: TarChunkWriter {
    private struct Frame {
        var path: String  // relative; "" = the context root
        var names: [String]
        var index = 0
        var info: PatternMatcher.MatchInfo?
    }

    private let context: BuildContext
    private var generated: [(name: String, content: [UInt8], mode: UInt32)]
    private var skipAtRoot: Set<String>
    private var stack: [Frame] = []
    private var started = false
    private var ended = false
    private let out: TarChunkBuffer

    init(context: BuildContext, chunkSize: Int) {
        self.context = context
        self.out = TarChunkBuffer(chunkSize: chunkSize)
        self.generated = context.generatedFiles
        self.skipAtRoot = Set(context.generatedFiles.map(\.name))
    }

    /// The next chunk, or nil once the archive has ended.
    func nextChunk() throws(BuildContextError) -> [UInt8]? {
        try out.nextChunk { () throws(BuildContextError) -> Bool in
            if ended { return false }
            try advance()
            return true
        }
    }

    private func queue(_ bytes: [UInt8]) { out.queue(bytes) }

    /// Queues the next entry (or the end of the archive).
    private func advance() throws(BuildContextError) {
        if !generated.isEmpty {
            let g = generated.removeFirst()
            // A fixed time keeps the archive, and so the build cache, the same from one build to the next.
            let entry = TarEntry(name: g.name, kind: .file(size: Int64(g.content.count)), mode: g.mode,
                                 modificationTime: 0)
            queue(TarHeader.encode(entry) + g.content + TarHeader.padding(Int64(g.content.count)))
            return
        }
        if !started {
            started = true
            stack.append(Frame(path: "", names: try list(context.directory), info: nil))
            return
        }
        guard var frame = stack.popLast() else {
            ended = true
            queue(TarHeader.endOfArchive)
            return
        }
        guard frame.index < frame.names.count else { return }
        let name = frame.names[frame.index]
        frame.index += 1
        stack.append(frame)
        if frame.path.isEmpty && skipAtRoot.contains(name) { return }
        let rel = frame.path.isEmpty ? name : frame.path + "/" + name
        try visit(rel, parentInfo: frame.info)
    }

    private func visit(_ rel: String, parentInfo: PatternMatcher.MatchInfo?) throws(BuildContextError) {
        let absolute = context.directory + "/" + rel
        var st = stat()
        guard lstat(absolute, &st) == 0 else {
            if errno == ENOENT { return }  // removed while walking
            throw BuildContextError("cannot read \(absolute) in the build context: \(String(cString: strerror(errno)))")
        }
        let type = UInt32(st.st_mode) & 0o170000
        let isDirectory = type == 0o040000
        let (excluded, info) = context.matcher.matches(rel, parent: parentInfo)
        if excluded {
            // An excluded directory is still entered when an exception names something inside it.
            if isDirectory && context.matcher.mustWalkExcludedDirectory(rel) {
                stack.append(Frame(path: rel, names: try list(absolute), info: info))
            }
            return
        }
        let mode = UInt32(st.st_mode) & 0o7777
        #if canImport(Darwin)
        let mtime = Int64(st.st_mtimespec.tv_sec)
        #else
        let mtime = Int64(st.st_mtim.tv_sec)
        #endif
        switch type {
        case 0o040000:
            queue(TarHeader.encode(TarEntry(name: rel, kind: .directory, mode: mode, modificationTime: mtime)))
            stack.append(Frame(path: rel, names: try list(absolute), info: info))
        case 0o100000:
            let size = Int64(st.st_size)
            let handle = open(absolute, O_RDONLY | O_CLOEXEC)
            guard handle >= 0 else {
                throw BuildContextError("cannot open \(absolute) in the build context: \(String(cString: strerror(errno)))")
            }
            queue(TarHeader.encode(TarEntry(name: rel, kind: .file(size: size), mode: mode, modificationTime: mtime)))
            out.copy(handle, size: size, readError: "cannot read \(absolute) from the build context")
        case 0o120000:
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(absolute, &target, Int(PATH_MAX))
            guard n >= 0 else {
                throw BuildContextError("cannot read the link \(absolute) in the build context: \(String(cString: strerror(errno)))")
            }
            let link = String(decoding: target.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            queue(TarHeader.encode(TarEntry(name: rel, kind: .symlink(target: link), mode: mode, modificationTime: mtime)))
        default:
            break  // sockets, devices and pipes have no place in an image build
        }
    }

    /// Names in a directory, sorted bytewise as Go's filepath.Walk does.
    private func list(_ path: String) throws(BuildContextError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw BuildContextError("cannot list \(path) in the build context: \((error as NSError).localizedDescription)")
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
