import Testing
@testable import ImageBuilder

@Suite struct DockerIgnoreTests {
    @Test func parsesLikeTheDockerCLI() {
        let text = """
        \u{FEFF}# comment
        node_modules
          /build/  \t
        # another comment

        ! /keep/this
        *.log   
        foo/../bar
        ./dist//x
        """
        #expect(DockerIgnore.patterns(text) == ["node_modules", "build", "!keep/this", "*.log", "bar", "dist/x"])
    }

    @Test func commentOnlyAtLineStart() {
        // " #x" is a pattern (trimmed after the comment check), as in Docker.
        #expect(DockerIgnore.patterns(" #x\n#y") == ["#x"])
    }

    @Test func loneBangIsKeptThenRejected() {
        #expect(DockerIgnore.patterns("!\n! ") == ["!", "!"])
        #expect(throws: PatternError.self) { try PatternMatcher(["!"]) }
    }

    @Test func unclosedClassIsRejected() {
        #expect(throws: PatternError.self) { try PatternMatcher(["file[ab"]) }
        #expect(throws: PatternError.self) { try PatternMatcher(["[z-a]"]) }
    }

    @Test func crlfLinesAreTrimmed() {
        #expect(DockerIgnore.patterns("a\r\nb\r\n") == ["a", "b"])
    }
}

@Suite struct PatternMatcherTests {
    /// (patterns, path, excluded)
    static let table: [([String], String, Bool)] = [
        (["*.go"], "main.go", true),
        (["*.go"], "pkg/main.go", false),  // * stops at /
        (["*/*.go"], "pkg/main.go", true),
        (["**/*.go"], "main.go", true),
        (["**/*.go"], "a/b/c/main.go", true),
        (["**/*.go"], "a/b/main.goo", false),
        (["dir"], "dir", true),
        (["dir"], "dir/sub/file", true),  // a matched directory covers its contents
        (["dir"], "other/dir", false),  // anchored at the context root
        (["dir/**"], "dir/x", true),
        (["dir/**"], "dir", false),
        (["**/node_modules"], "node_modules", true),
        (["**/node_modules"], "a/node_modules/x/y", true),
        (["**"], "anything/at/all", true),
        (["**foo"], "xfoo", true),  // Docker compares the suffix as text
        (["a**b"], "ab", true),
        (["a**b"], "ax/b", true),
        (["a**b"], "axb", false),  // inner ** only spans whole directories
        (["?at"], "cat", true),
        (["?at"], "at", false),
        (["?at"], "c/at", false),
        (["[a-c]at"], "bat", true),
        (["[a-c]at"], "dat", false),
        (["[^a]at"], "bat", true),
        (["[^a]at"], "aat", false),
        (["\\*star"], "*star", true),
        (["\\*star"], "xstar", false),
        (["a.b"], "axb", false),  // "." is literal
        (["a+b(c)"], "a+b(c)", true),
        (["*.md", "!README.md"], "README.md", false),
        (["*.md", "!README.md"], "CHANGES.md", true),
        (["*.md", "!README.md", "README.md"], "README.md", true),  // last match wins
        (["docs", "!docs/keep.md"], "docs/keep.md", false),
        (["docs", "!docs/keep.md"], "docs/other.md", true),
        (["!keep", "keep"], "keep", true),
        (["/abs"], "abs", true),
        (["secret  "], "secret", true),
        (["foo/../bar"], "bar", true),
        (["*"], "Dockerfile", true),
        (["*", "!src"], "src/main.c", false),
        (["*", "!src"], "README", true),
    ]

    @Test(arguments: table)
    func matches(_ patterns: [String], _ path: String, _ excluded: Bool) throws {
        let m = try PatternMatcher(patterns.flatMap { DockerIgnore.patterns($0) })
        #expect(m.matches(path) == excluded, "patterns \(patterns) on \(path)")
    }

    @Test func walkWithParentResultsAgreesWithDirectMatching() throws {
        let m = try PatternMatcher(["build", "!build/keep", "**/*.tmp"])
        let (dirExcluded, dirInfo) = m.matches("build", parent: nil)
        #expect(dirExcluded)
        #expect(m.mustWalkExcludedDirectory("build"))
        #expect(m.matches("build/keep", parent: dirInfo).excluded == false)
        #expect(m.matches("build/other", parent: dirInfo).excluded == true)
        let (srcExcluded, srcInfo) = m.matches("src", parent: nil)
        #expect(!srcExcluded)
        #expect(m.matches("src/a.tmp", parent: srcInfo).excluded)
        #expect(!m.matches("src/a.c", parent: srcInfo).excluded)
    }

    @Test func excludedDirectoryIsSkippedWithoutAnException() throws {
        #expect(try !PatternMatcher(["build"]).mustWalkExcludedDirectory("build"))
        // Docker checks exceptions by prefix, so a wildcard before the directory does not reopen it.
        #expect(try !PatternMatcher(["build", "!*/keep"]).mustWalkExcludedDirectory("build"))
        #expect(try PatternMatcher(["build", "!build/sub/keep"]).mustWalkExcludedDirectory("build/sub"))
    }
}
