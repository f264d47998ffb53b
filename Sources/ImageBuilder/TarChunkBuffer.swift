import Foundation

/// Something that produces a tar archive chunk by chunk.
protocol TarChunkWriter: AnyObject {
    func nextChunk() throws(BuildContextError) -> [UInt8]?
}

/// The iterator of the tar streams: asks the writer for chunks, recording a failure for the builder.
public struct TarChunkIterator: AsyncIteratorProtocol {
    let writer: any TarChunkWriter
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

/// Tar bytes cut into fixed-size chunks: queued bytes (headers, small contents, padding) and the
/// content of one open file at a time, read straight into the chunk. What comes next is the owner's
/// decision: `advance` queues the next entry, or returns false once the archive is complete.
final class TarChunkBuffer {
    let chunkSize: Int
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var fd: Int32 = -1
    private var remaining: Int64 = 0
    private var padAfterFile = 0
    /// How a read error of the current file is worded ("cannot read /x from the build context").
    private var readError = ""

    init(chunkSize: Int) {
        self.chunkSize = max(chunkSize, TarHeader.blockSize)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    func queue(_ bytes: [UInt8]) {
        if pendingOffset >= pending.count {
            pending = bytes
            pendingOffset = 0
        } else {
            pending += bytes
        }
    }

    /// Copies `size` bytes of the open file `handle` next (its header is already queued), then its padding.
    func copy(_ handle: Int32, size: Int64, readError: String) {
        fd = handle
        remaining = size
        padAfterFile = TarHeader.padding(size).count
        self.readError = readError
    }

    /// The next chunk, or nil once the archive has ended. Filled through raw buffers: element-wise
    /// array appends are far too slow in debug builds.
    func nextChunk(advance: () throws(BuildContextError) -> Bool) throws(BuildContextError) -> [UInt8]? {
        var failure: BuildContextError?
        let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, count in
            count = 0
            do {
                try fill(buffer, &count, advance: advance)
            } catch {
                failure = (error as? BuildContextError) ?? BuildContextError("\(error)")
            }
        }
        if let failure { throw failure }
        return chunk.isEmpty ? nil : chunk
    }

    private func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ count: inout Int,
                      advance: () throws(BuildContextError) -> Bool) throws(BuildContextError) {
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
                try copyFile(buffer, &count)
            } else if try !advance() {
                return
            }
        }
    }

    /// Reads the current file into the chunk; at its end, queues its padding.
    private func copyFile(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ count: inout Int) throws(BuildContextError) {
        guard remaining > 0 else {
            close(fd)
            fd = -1
            queue([UInt8](repeating: 0, count: padAfterFile))
            return
        }
        let want = Int(min(Int64(buffer.count - count), remaining))
        let got = read(fd, buffer.baseAddress! + count, want)
        if got < 0 {
            if errno == EINTR { return }
            let reason = String(cString: strerror(errno))
            close(fd)
            fd = -1
            throw BuildContextError("\(readError): \(reason)")
        }
        // A file that shrank while being sent keeps its announced size, padded with zeros.
        let used = got == 0 ? want : got
        if got == 0 { (buffer.baseAddress! + count).initialize(repeating: 0, count: want) }
        count += used
        remaining -= Int64(used)
    }
}
