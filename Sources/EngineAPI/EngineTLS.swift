import NIOSSL

/// TLS settings for `tcp://` daemons: Docker's `ca.pem`, `cert.pem`, `key.pem` layout.
public struct EngineTLS: Sendable, Equatable {
    public var caCertificatePath: String
    public var certificatePath: String
    public var keyPath: String
    /// Verify the daemon's certificate against the CA and its host name (`DOCKER_TLS_VERIFY`).
    public var verify: Bool

    public init(caCertificatePath: String, certificatePath: String, keyPath: String, verify: Bool = true) {
        self.caCertificatePath = caCertificatePath; self.certificatePath = certificatePath
        self.keyPath = keyPath; self.verify = verify
    }

    /// `ca.pem`, `cert.pem` and `key.pem` inside `directory` (`DOCKER_CERT_PATH`, default `~/.docker`).
    public init(certificateDirectory directory: String, verify: Bool = true) {
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        self.init(caCertificatePath: dir + "/ca.pem", certificatePath: dir + "/cert.pem",
                  keyPath: dir + "/key.pem", verify: verify)
    }

    func makeContext() throws(EngineError) -> NIOSSLContext {
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.trustRoots = .file(caCertificatePath)
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem))
            configuration.certificateVerification = verify ? .fullVerification : .none
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tls("cannot load the Docker TLS certificates (\(caCertificatePath), \(certificatePath), \(keyPath)): \(error); check DOCKER_CERT_PATH")
        }
    }
}
