import ComposeLoader
import YAML

/// libFuzzer entry point: the input is a Compose file given on stdin. Any error is fine; a trap,
/// a sanitizer report or a hang is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? YAMLParser().parse(bytes: bytes, file: "fuzz.yaml")
    // A directory that does not exist, so the run reads no .env and discovers nothing.
    var options = LoadOptions(workingDirectory: "/nonexistent-swiftcompose-fuzz",
                              environment: ["HOME": "/nonexistent-swiftcompose-fuzz", "TAG": "1.0", "PORT": "8080"],
                              stdin: { text })
    options.files = ["-"]
    options.projectName = "fuzz"
    options.profiles = ["*"]
    _ = try? ProjectLoader.load(options)
    return 0
}
