import Foundation
import EngineAPI

/// Copies our stdin to a hijacked connection. Reads block, so they run on a thread of their own;
/// at end of input the connection is half-closed so the process sees EOF while its output keeps coming.
enum StdinPump {
    /// Chunks of stdin as they are read; finishes at EOF or on a read error.
    static func chunks(fd: Int32 = STDIN_FILENO) -> AsyncStream<[UInt8]> {
        AsyncStream { continuation in
            let thread = Thread {
                var buffer = [UInt8](repeating: 0, count: 32 << 10)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if n > 0 {
                        continuation.yield(Array(buffer[0..<n]))
                    } else if n < 0 && errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
                continuation.finish()
            }
            thread.start()
        }
    }

    /// Forwards stdin until EOF, then half-closes; errors writing (the process is gone) end it quietly.
    /// With `detachKeys`, the sequence ends the forwarding and the call returns `true` (detached).
    @discardableResult
    static func forward(to connection: HijackedConnection, detachKeys: [UInt8]? = nil) async -> Bool {
        var matcher = DetachKeyMatcher(keys: detachKeys ?? [])
        for await chunk in chunks() {
            var bytes = chunk
            var detached = false
            if !matcher.keys.isEmpty {
                (bytes, detached) = matcher.feed(chunk)
            }
            if !bytes.isEmpty {
                do { try await connection.write(bytes) } catch { return false }
            }
            if detached { return true }
        }
        try? await connection.closeWrite()
        return false
    }
}

/// Spots a detach sequence (e.g. Ctrl-P Ctrl-Q) in typed input; bytes that start a sequence are held
/// back until it is clear whether the sequence completes.
struct DetachKeyMatcher: Sendable {
    let keys: [UInt8]
    private var matched = 0

    init(keys: [UInt8]) { self.keys = keys }

    /// The bytes to forward, and whether the full sequence was typed.
    mutating func feed(_ input: [UInt8]) -> ([UInt8], Bool) {
        var out: [UInt8] = []
        for b in input {
            if b == keys[matched] {
                matched += 1
                if matched == keys.count { return (out, true) }
            } else {
                out += keys[0..<matched]
                matched = 0
                if b == keys[0] { matched = 1 } else { out.append(b) }
            }
        }
        return (out, false)
    }

    /// "ctrl-p,ctrl-q" → [0x10, 0x11]; single characters stand for themselves. Nil when malformed.
    static func parse(_ spec: String) -> [UInt8]? {
        var out: [UInt8] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let p = part.lowercased()
            if p.hasPrefix("ctrl-"), p.count == 6, let c = p.last?.asciiValue {
                switch c {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(c - UInt8(ascii: "a") + 1)
                case UInt8(ascii: "@"): out.append(0)
                case UInt8(ascii: "["): out.append(27)
                case UInt8(ascii: "\\"): out.append(28)
                case UInt8(ascii: "]"): out.append(29)
                case UInt8(ascii: "^"): out.append(30)
                case UInt8(ascii: "_"): out.append(31)
                default: return nil
                }
            } else if part.count == 1, let c = part.first?.asciiValue {
                out.append(c)
            } else {
                return nil
            }
        }
        return out.isEmpty ? nil : out
    }
}
