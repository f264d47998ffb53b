import Foundation

/// The shared libraries a dynamically linked executable loads, as `ldd` resolves them, so they can
/// be copied into an image that has none of its own.
public enum SharedLibraries {
    /// Absolute paths from `ldd` output: `name => /path (0x...)` lines and the loader's `/path (0x...)`;
    /// the kernel's vDSO (no file) is skipped.
    /// - Throws: when a library is "not found", since the image could not start without it.
    public static func parseLdd(_ output: String) throws(BuildContextError) -> [String] {
        var paths: [String] = []
        for raw in output.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            // With several files, each one's list starts with its name and a colon.
            if line.hasSuffix(":") { continue }
            var target = line
            if let arrow = line.range(of: "=>") {
                target = line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
                if target.hasPrefix("not found") {
                    let name = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
                    throw BuildContextError("shared library \(name) not found")
                }
            }
            if let paren = target.range(of: " (") { target = String(target[..<paren.lowerBound]) }
            guard target.hasPrefix("/"), !paths.contains(target) else { continue }
            paths.append(target)
        }
        return paths
    }

    /// Runs `ldd` on `executable`.
    public static func of(executable: String) throws(BuildContextError) -> [String] {
        try of(files: [executable])
    }

    /// The libraries all of `files` load, each once.
    public static func of(files: [String]) throws(BuildContextError) -> [String] {
        let executable = files.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ldd"] + files
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw BuildContextError("cannot run ldd: \(error)")
        }
        // Read before waiting, or a full pipe would block ldd.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BuildContextError("ldd \(executable) failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return try parseLdd(String(decoding: data, as: UTF8.self))
    }
}
