import Foundation
@testable import Mail
import Testing

@Suite("Mail: RFC 5322 messages with MIME multipart/alternative")
struct MailMessageTests {
    static let from = MailAddress(address: "no-reply@shop.example", displayName: "Wharf")
    static func message(subject: String = "Order received", text: String = "Hello", html: String = "<p>Hello</p>",
                        to: [MailAddress?] = [MailAddress(address: "ann@example.com", displayName: "Ann")]) throws -> MailMessage {
        MailMessage(from: try #require(from), to: to.compactMap { $0 }, subject: subject, text: text, html: html,
                    messageID: "0190aaaa-0000-7000-8000-000000000001.1234@shop.example",
                    date: Date(timeIntervalSince1970: 1_796_327_864))
    }

    @Test func hasTheHeadersAndBothPartsInUTF8() throws {
        let data = String(decoding: try Self.message().rendered(), as: UTF8.self)
        #expect(data.hasPrefix("Date: Thu, 03 Dec 2026 19:57:44 +0000\r\n"))
        #expect(MIMEDecoding.header("From", in: data) == "Wharf <no-reply@shop.example>")
        #expect(MIMEDecoding.header("To", in: data) == "Ann <ann@example.com>")
        #expect(MIMEDecoding.header("Message-ID", in: data) == "<0190aaaa-0000-7000-8000-000000000001.1234@shop.example>")
        #expect(MIMEDecoding.header("MIME-Version", in: data) == "1.0")
        #expect(MIMEDecoding.header("Content-Type", in: data)?.hasPrefix("multipart/alternative; boundary=") == true)
        #expect(MIMEDecoding.part(data, contentType: "text/plain") == "Hello")
        #expect(MIMEDecoding.part(data, contentType: "text/html") == "<p>Hello</p>")
        #expect(!data.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
        #expect(try Self.message().rendered() == Self.message().rendered(), "rendering is deterministic")
    }

    @Test func encodesNonASCIISubjectsAndNamesPerRFC2047() throws {
        let subject = "Bestellung für Zoë – 注文を受け付けました, and a long tail to make it fold over several encoded words"
        let data = String(decoding: try Self.message(subject: subject, to: [MailAddress(address: "z@example.com", displayName: "Zoë Ünal")]).rendered(),
                          as: UTF8.self)
        #expect(MIMEDecoding.header("Subject", in: data) == subject)
        #expect(MIMEDecoding.header("To", in: data) == "Zoë Ünal <z@example.com>")
        #expect(data.contains("Subject: =?UTF-8?B?"))
        #expect(data.utf8.allSatisfy { $0 < 0x80 }, "the message is 7-bit: non-ASCII only inside encodings")
        for line in data.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "line too long: \(line)") }
    }

    @Test func plainASCIISubjectsStayReadableAndQuotedNamesAreQuoted() throws {
        let data = String(decoding: try Self.message(subject: "Welcome to Wharf",
                                                     to: [MailAddress(address: "a@example.com", displayName: "Smith, Ann")]).rendered(),
                          as: UTF8.self)
        #expect(data.contains("\r\nSubject: Welcome to Wharf\r\n"))
        #expect(data.contains("\r\nTo: \"Smith, Ann\" <a@example.com>\r\n"))
    }

    @Test func longLinesAndLeadingDotsSurviveQuotedPrintable() throws {
        let long = String(repeating: "wharf ", count: 900) + "end"
        let text = ".starts with a dot\n.\n" + long + "\nümlaut = equals  \n"
        let data = String(decoding: try Self.message(text: text).rendered(), as: UTF8.self)
        for line in data.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76)
            #expect(!line.hasPrefix("."), "no line starts with a dot, so nothing depends on dot-stuffing")
        }
        #expect(MIMEDecoding.part(data, contentType: "text/plain") == text.replacingOccurrences(of: "\n", with: "\n"))
    }

    @Test func addressesAreCheckedSoNothingCanBreakAHeaderOrACommand() {
        #expect(MailAddress(parsing: "Wharf <no-reply@localhost>") == MailAddress(address: "no-reply@localhost", displayName: "Wharf"))
        #expect(MailAddress(parsing: "\"Shop, Inc\" <a@b.example>")?.displayName == "Shop, Inc")
        #expect(MailAddress(parsing: "plain@example.com")?.displayName == nil)
        for bad in ["no-at-sign", "a@", "@b", "a b@c", "a@b>\r\nRCPT TO:<x@y>", "a@b@c", "Name <a@b\r\n>"] {
            #expect(MailAddress(parsing: bad) == nil, "\(bad)")
        }
        #expect(MailAddress(address: "a@b.example", displayName: "Evil\r\nBcc: x@y") == nil)
    }

    @Test func smtpURLsAreRead() throws {
        #expect(try SMTPEndpoint(url: "smtp://mail.example:2525") == SMTPEndpoint(host: "mail.example", port: 2525, security: .none))
        #expect(try SMTPEndpoint(url: "smtp+starttls://u%40x:p%3Ass@mail.example")
                == SMTPEndpoint(host: "mail.example", port: 587, security: .startTLS, username: "u@x", password: "p:ss"))
        #expect(try SMTPEndpoint(url: "smtps://[::1]:4650") == SMTPEndpoint(host: "::1", port: 4650, security: .implicitTLS))
        #expect(try SMTPEndpoint(url: "smtp://u:p@relay.example:25") == SMTPEndpoint(host: "relay.example", port: 25, security: .none,
                                                                                  username: "u", password: "p"))
        for bad in ["http://x", "smtp://", "smtp://host:0", "smtp://host:99999", "smtp://host/path", "smtps://u@host"] {
            #expect(throws: SMTPEndpoint.Invalid.self, "\(bad)") { try SMTPEndpoint(url: bad) }
        }
    }

    @Test func dataIsDotStuffedWithCRLFAndRefusesOverlongLines() throws {
        let stuffed = try SMTPData.stuffed(Array("a\n.b\r\n..c\r\n.\r\nend".utf8))
        #expect(String(decoding: stuffed, as: UTF8.self) == "a\r\n..b\r\n...c\r\n..\r\nend\r\n.\r\n")
        let fits = try SMTPData.stuffed(Array((String(repeating: "x", count: 998) + "\r\n").utf8))
        #expect(fits.count == 998 + 2 + 3)
        #expect(throws: SMTPError.lineTooLong(999)) { try SMTPData.stuffed(Array(String(repeating: "x", count: 999).utf8)) }
        #expect(SMTPError.lineTooLong(999).isPermanent)
    }
}
