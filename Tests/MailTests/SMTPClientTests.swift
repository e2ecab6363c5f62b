import Foundation
import Glibc
@testable import Mail
import TestSupport
import Testing

/// The SMTP client against the test server: plain, STARTTLS and implicit TLS with a certificate made at test time,
/// AUTH, refusals with 4xx and 5xx, a connection dropped mid-DATA, a server that is down or silent.
@Suite("Mail: the SMTP client")
struct SMTPClientTests {
    static func client(_ server: TestSMTPServer, security: SMTPEndpoint.Security = .none, user: String? = nil, password: String? = nil,
                       trust: String? = nil, replyTimeout: Duration = .seconds(5)) throws -> SMTPClient {
        try SMTPClient(settings: .init(endpoint: SMTPEndpoint(host: "localhost", port: server.port, security: security,
                                                              username: user, password: password),
                                       replyTimeout: replyTimeout, additionalTrust: trust))
    }

    static func message(to recipients: [String] = ["ann@example.com"], id: String = "m1@shop.example") throws -> MailMessage {
        MailMessage(from: try #require(MailAddress(parsing: "Wharf <no-reply@shop.example>")),
                    to: try recipients.map { try #require(MailAddress(address: $0)) },
                    subject: "Order received", text: "Hello\n.dot\n", html: "<p>Hello</p>", messageID: id, date: Date())
    }

    @Test func handsAMessageOverAndReusesTheConnectionForABurst() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        let client = try Self.client(server)
        for index in 1...3 {
            let delivery = try await client.send(try Self.message(id: "m\(index)@shop.example"))
            #expect(delivery == SMTPDelivery(accepted: ["ann@example.com"], refused: []))
        }
        #expect(server.received.map(\.messageID) == ["m1@shop.example", "m2@shop.example", "m3@shop.example"])
        #expect(server.received.allSatisfy { $0.from == "no-reply@shop.example" && $0.recipients == ["ann@example.com"] })
        #expect(server.connections == 1 && client.connectionsOpened == 1)
        #expect(server.commands.filter { $0 == "RSET" }.count == 2, "a reused connection is checked with RSET")
        let text = try #require(server.received.first.flatMap { MIMEDecoding.part($0.data, contentType: "text/plain") })
        #expect(text == "Hello\n.dot\n")
        client.shutdown()
    }

    @Test func aTemporaryRefusalThrowsSoTheDeliveryIsRetried() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        server.behaviour = .refuseTemporarily
        let client = try Self.client(server)
        let error = await #expect(throws: SMTPError.self) { try await client.send(try Self.message()) }
        #expect(error?.isPermanent == false)
        #expect(server.received.isEmpty)
        server.behaviour = .accept
        _ = try await client.send(try Self.message())
        #expect(server.received.count == 1)
    }

    @Test func aRecipientRefusedForGoodIsReportedAndTheOthersGetTheMessage() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        server.behaviour = .refuseRecipient("gone@example.com")
        let delivery = try await Self.client(server).send(try Self.message(to: ["gone@example.com", "ann@example.com"]))
        #expect(delivery.accepted == ["ann@example.com"])
        #expect(delivery.refused.map(\.recipient) == ["gone@example.com"] && delivery.refused.first?.reply.code == 550)
        #expect(server.received.map(\.recipients) == [["ann@example.com"]])
        let alone = try await Self.client(server).send(try Self.message(to: ["gone@example.com"]))
        #expect(alone.accepted.isEmpty && alone.refused.count == 1, "no DATA when no recipient is left")
        #expect(server.received.count == 1)
    }

    @Test func aMessageRefusedAfterDataIsAPermanentError() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        server.behaviour = .refuseMessage
        let error = await #expect(throws: SMTPError.self) { try await Self.client(server).send(try Self.message()) }
        #expect(error?.isPermanent == true)
        #expect(server.received.isEmpty)
    }

    @Test func aConnectionDroppedMidDataIsATemporaryError() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        server.behaviour = .dropDuringData
        let client = try Self.client(server)
        let error = await #expect(throws: SMTPError.self) { try await client.send(try Self.message()) }
        #expect(error?.isPermanent == false)
        #expect(server.received.isEmpty)
        server.behaviour = .accept
        _ = try await client.send(try Self.message())
        #expect(server.received.count == 1 && server.connections == 2, "the broken connection is not reused")
    }

    @Test func aServerThatIsDownOrSilentFailsWithinTheTimeouts() async throws {
        let port = try TestSMTPServer.freePort()
        let down = try SMTPClient(settings: .init(endpoint: SMTPEndpoint(host: "127.0.0.1", port: port, security: .none)))
        let refused = await #expect(throws: SMTPError.self) { try await down.send(try Self.message()) }
        #expect(refused.map { if case .connectionFailed = $0 { true } else { false } } == true)

        // A listener that never accepts: the connection completes in the kernel, the greeting never comes.
        let silent = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(silent) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(silent, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(silent, 4)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(silent, $0, &length) } }
        let client = try SMTPClient(settings: .init(endpoint: SMTPEndpoint(host: "127.0.0.1", port: Int(UInt16(bigEndian: address.sin_port)), security: .none),
                                                    replyTimeout: .milliseconds(300)))
        let started = ContinuousClock.now
        let timedOut = await #expect(throws: SMTPError.self) { try await client.send(try Self.message()) }
        #expect(timedOut.map { if case .timeout = $0 { true } else { false } } == true)
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func startTLSVerifiesTheCertificateAndAuthenticates() async throws {
        let certificate = try TestCertificate.make()
        let server = try TestSMTPServer(tls: .init(certificateFile: certificate.certificateFile, keyFile: certificate.keyFile, implicit: false),
                                        credentials: ("mailer", "s3cret"))
        defer { server.stop() }
        let client = try Self.client(server, security: .startTLS, user: "mailer", password: "s3cret", trust: certificate.certificateFile)
        _ = try await client.send(try Self.message())
        #expect(server.received.count == 1 && server.received.first?.encrypted == true)
        #expect(server.commands.prefix(3).map { $0.components(separatedBy: " ").first ?? "" } == ["EHLO", "STARTTLS", "EHLO"])
        #expect(server.commands.contains { $0.hasPrefix("AUTH PLAIN ") })

        let wrongPassword = try Self.client(server, security: .startTLS, user: "mailer", password: "nope", trust: certificate.certificateFile)
        let refused = await #expect(throws: SMTPError.self) { try await wrongPassword.send(try Self.message()) }
        #expect(refused?.isPermanent == false, "bad credentials are the operator's to fix: the delivery waits, it is not dropped")

        let untrusting = try Self.client(server, security: .startTLS, user: "mailer", password: "s3cret")
        let untrusted = await #expect(throws: SMTPError.self) { try await untrusting.send(try Self.message()) }
        #expect(untrusted.map { if case .tls = $0 { true } else { false } } == true, "the system CA store does not know the test certificate")
        #expect(server.received.count == 1)
    }

    @Test func plainSMTPWithCredentialsUpgradesWhenOfferedAndSendsThemInClearOnlyToThisMachine() async throws {
        let certificate = try TestCertificate.make()
        let offering = try TestSMTPServer(tls: .init(certificateFile: certificate.certificateFile, keyFile: certificate.keyFile, implicit: false),
                                          credentials: ("mailer", "s3cret"))
        defer { offering.stop() }
        _ = try await Self.client(offering, user: "mailer", password: "s3cret", trust: certificate.certificateFile).send(try Self.message())
        #expect(offering.received.first?.encrypted == true && offering.commands.contains("STARTTLS"))

        let local = try TestSMTPServer(credentials: ("mailer", "s3cret"))
        defer { local.stop() }
        _ = try await Self.client(local, user: "mailer", password: "s3cret").send(try Self.message())
        #expect(local.received.first?.encrypted == false, "localhost: a relay on this machine")
        #expect(local.commands.contains { $0.hasPrefix("AUTH PLAIN ") })
    }

    @Test func implicitTLSChecksTheHostName() async throws {
        let certificate = try TestCertificate.make()
        let server = try TestSMTPServer(tls: .init(certificateFile: certificate.certificateFile, keyFile: certificate.keyFile, implicit: true))
        defer { server.stop() }
        _ = try await Self.client(server, security: .implicitTLS, trust: certificate.certificateFile).send(try Self.message())
        #expect(server.received.first?.encrypted == true)

        #expect(server.received.count == 1)
    }

    @Test func aCertificateForAnotherHostIsRefused() async throws {
        let certificate = try TestCertificate.make(subjectAltName: "DNS:mail.example")
        let server = try TestSMTPServer(tls: .init(certificateFile: certificate.certificateFile, keyFile: certificate.keyFile, implicit: true))
        defer { server.stop() }
        let client = try Self.client(server, security: .implicitTLS, trust: certificate.certificateFile)
        let error = await #expect(throws: SMTPError.self) { try await client.send(try Self.message()) }
        #expect(error.map { if case .tls = $0 { true } else { false } } == true, "trusted, but not issued for localhost")
        #expect(server.received.isEmpty)
    }
}
