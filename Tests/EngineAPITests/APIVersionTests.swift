import Testing
@testable import EngineAPI

@Suite struct APIVersionTests {
    @Test func parsesAndComparesNumerically() {
        #expect(APIVersion("1.41") == APIVersion(major: 1, minor: 41))
        #expect(APIVersion("1.9")! < APIVersion("1.41")!)
        #expect(APIVersion("2.0")! > APIVersion("1.99")!)
        #expect(APIVersion("1") == nil)
        #expect(APIVersion("1.x") == nil)
        #expect(APIVersion("v1.41") == nil)
        #expect(APIVersion(major: 1, minor: 41).description == "1.41")
    }

    @Test func negotiatesTheOlderOfDaemonAndUs() throws {
        let ours = APIVersion.newestSupported
        #expect(try APIVersion.negotiate(daemon: APIVersion("1.41")!, daemonMinimum: APIVersion("1.12")) == APIVersion("1.41"))
        #expect(try APIVersion.negotiate(daemon: APIVersion("1.45")!, daemonMinimum: APIVersion("1.24")) == APIVersion("1.45"))
        #expect(try APIVersion.negotiate(daemon: APIVersion("1.52")!, daemonMinimum: APIVersion("1.44")) == ours)
        #expect(try APIVersion.negotiate(daemon: APIVersion("1.47")!, daemonMinimum: nil) == ours)
    }

    @Test func refusesImpossibleVersions() {
        // Daemon too old for us.
        #expect(throws: EngineError.self) { try APIVersion.negotiate(daemon: APIVersion("1.25")!, daemonMinimum: nil) }
        // Daemon refuses everything we speak.
        #expect(throws: EngineError.self) {
            try APIVersion.negotiate(daemon: APIVersion("2.3")!, daemonMinimum: APIVersion("2.0"))
        }
    }
}
