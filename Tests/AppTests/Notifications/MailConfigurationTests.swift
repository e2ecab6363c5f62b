import Mail
import Testing
@testable import WharfApp

/// `SMTP_URL`, `MAIL_FROM`, `STOCK_ALERT_EMAILS` and `SHOP_NAME`, validated with the other settings.
@Suite("Configuration: mail")
struct MailConfigurationTests {
    typealias Settings = OperationsConfigurationTests

    @Test func defaultsSendToTheLogAsWharf() throws {
        let configuration = try Settings.configuration([:])
        #expect(configuration.smtpEndpoint == nil && configuration.stockAlertEmails.isEmpty && configuration.shopName == "Wharf")
        #expect(configuration.mailFrom == MailAddress(address: "no-reply@localhost", displayName: "Wharf"))
    }

    @Test func mailSettingsAreRead() throws {
        let configuration = try Settings.configuration([
            "SMTP_URL": "smtps://mailer:p%40ss@mail.example", "MAIL_FROM": "Harbour <shop@harbour.example>",
            "STOCK_ALERT_EMAILS": "stock@harbour.example, Buyer <buyer@harbour.example>", "SHOP_NAME": "Harbour"])
        #expect(configuration.smtpEndpoint == SMTPEndpoint(host: "mail.example", port: 465, security: .implicitTLS, username: "mailer", password: "p@ss"))
        #expect(configuration.mailFrom.address == "shop@harbour.example" && configuration.mailFrom.displayName == "Harbour")
        #expect(configuration.stockAlertEmails.map(\.address) == ["stock@harbour.example", "buyer@harbour.example"])
        #expect(configuration.shopName == "Harbour")
    }

    @Test func badMailSettingsAreAllReportedWithoutEchoingThePassword() {
        let problems = Settings.problems([
            "SMTP_URL": "imap://mailer:hunter2@mail.example", "MAIL_FROM": "nobody", "STOCK_ALERT_EMAILS": "a@b.example, not an address",
            "SHOP_NAME": String(repeating: "x", count: 101)])
        #expect(problems.count == 4)
        #expect(problems.contains { $0.hasPrefix("SMTP_URL must start with smtp://") })
        #expect(problems.contains { $0.hasPrefix("MAIL_FROM must be an address") })
        #expect(problems.contains { $0.hasSuffix("not: not an address") })
        #expect(problems.contains { $0.hasPrefix("SHOP_NAME must be at most 100 characters") })
        #expect(!problems.joined().contains("hunter2"))
    }
}
