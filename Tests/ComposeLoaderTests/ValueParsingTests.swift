import ComposeModel
import Testing

@Suite struct ValueParsingTests {
    static let durations: [(String, Int64, String)] = [
        ("10s", 10_000_000_000, "10s"),
        ("1m30s", 90_000_000_000, "1m30s"),
        ("90s", 90_000_000_000, "1m30s"),
        ("500ms", 500_000_000, "500ms"),
        ("1h", 3_600_000_000_000, "1h0m0s"),
        ("1.5s", 1_500_000_000, "1.5s"),
        ("2m", 120_000_000_000, "2m0s"),
        ("1d", 86_400_000_000_000, "24h0m0s"),
        ("0", 0, "0s"),
        ("1500us", 1_500_000, "1.5ms"),
        ("42ns", 42, "42ns"),
        ("-3s", -3_000_000_000, "-3s"),
        ("1h2m3s4ms", 3_723_004_000_000, "1h2m3.004s"),
        ("2w", 1_209_600_000_000_000, "336h0m0s"),
        ("3µs", 3_000, "3µs"),
        (" 20s ", 20_000_000_000, "20s"),
    ]

    @Test(arguments: durations)
    func duration(_ text: String, _ ns: Int64, _ printed: String) throws {
        let d = try ComposeDuration(parsing: text)
        #expect(d.nanoseconds == ns)
        #expect(d.description == printed)
        #expect(try ComposeDuration(parsing: printed) == d)
    }

    @Test(arguments: ["", "10", "abc", "10x", "1m-3s", "s", "10m5", "5n", "3mss", "99999999999999999999999s"])
    func badDuration(_ text: String) {
        #expect(throws: ValueError.self) { try ComposeDuration(parsing: text) }
    }

    static let sizes: [(String, Int64)] = [
        ("1024", 1024), ("1k", 1024), ("1kb", 1024), ("1K", 1024), ("512m", 512 << 20), ("1gb", 1 << 30),
        ("1GiB", 1 << 30), ("2.5g", Int64(2.5 * Double(1 << 30))), ("64b", 64), ("1 GB", 1 << 30), ("-1", -1), ("50M", 50 << 20),
        ("1t", 1 << 40),
    ]

    @Test(arguments: sizes)
    func byteSize(_ text: String, _ bytes: Int64) throws {
        #expect(try ByteSize(parsing: text).bytes == bytes)
    }

    @Test(arguments: ["", "abc", "1x", "1.g", "g", "1 g b", "--1"])
    func badByteSize(_ text: String) {
        #expect(throws: ValueError.self) { try ByteSize(parsing: text) }
    }

    static let words: [(String, [String])] = [
        ("bundle exec thin -p 3000", ["bundle", "exec", "thin", "-p", "3000"]),
        ("  a   b  ", ["a", "b"]),
        ("echo 'hello world'", ["echo", "hello world"]),
        ("sh -c \"echo \\\"hi\\\" && ls\"", ["sh", "-c", "echo \"hi\" && ls"]),
        ("a\\ b c", ["a b", "c"]),
        ("echo ''", ["echo", ""]),
        ("x'y'\"z\"", ["xyz"]),
        ("echo $HOME", ["echo", "$HOME"]),
        ("", []),
        ("'it''s'", ["its"]),
    ]

    @Test(arguments: words)
    func shellWords(_ line: String, _ expected: [String]) throws {
        #expect(try ShellWords.split(line) == expected)
        #expect(try ShellWords.split(ShellWords.join(expected)) == expected)
    }

    @Test(arguments: ["echo 'unterminated", "echo \"x"])
    func badShellWords(_ line: String) {
        #expect(throws: ValueError.self) { try ShellWords.split(line) }
    }
}
