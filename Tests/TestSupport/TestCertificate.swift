import Foundation

/// A self-signed certificate (for `localhost` and `127.0.0.1` unless told otherwise), made at test time with the `openssl` command in a
/// fresh temporary folder: the test SMTP server's identity, and the file the client is told to trust.
public struct TestCertificate: Sendable {
    public let certificateFile: String
    public let keyFile: String

    /// Runs `openssl req -x509` (RSA 2048, one day) for the names in `subjectAltName` and returns the files' paths.
    public static func make(subjectAltName: String = "DNS:localhost,IP:127.0.0.1") throws -> TestCertificate {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wharf-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=" + subjectAltName, "-keyout", key, "-out", certificate]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestCertificateError.opensslFailed(process.terminationStatus) }
        return TestCertificate(certificateFile: certificate, keyFile: key)
    }
}

enum TestCertificateError: Error { case opensslFailed(Int32) }
