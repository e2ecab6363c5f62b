import Foundation
import Kernel
import Logging
import PaymentsContracts
import PaymentsInfrastructure
import Postgres
import TestSupport
import Testing
@testable import WharfApp

/// The contract's "Mail" rows end to end: real HTTP requests, the real contexts and the durable bus, and a test SMTP
/// server as the mail server. Each row produces exactly one message to the right recipient.
@Suite("HTTP: the emails a shop sends")
struct MailFlowTests {
    static let environment = ["STOCK_ALERT_EMAILS": "stock@example.com, Buyer <buyer@example.com>", "SHOP_NAME": "Harbour",
                              "MAIL_FROM": "Harbour <no-reply@harbour.example>"]

    /// One process: these tests read the mail counters on `/metrics`, which are each process's own (that every event is
    /// handled once across processes is the bus's, tested with two).
    static func run(_ server: TestSMTPServer, _ body: (TestApp) async throws -> Void) async throws {
        var environment = Self.environment
        environment["SMTP_URL"] = "smtp://127.0.0.1:\(server.port)"
        try await TestApp.run(environment: environment, processes: 1, body)
    }

    /// The messages to `recipient` whose subject starts with `subject`.
    static func messages(_ server: TestSMTPServer, to recipient: String, _ subject: String) -> [TestSMTPServer.Received] {
        server.received.filter { $0.recipients.contains(recipient) && Self.subject(of: $0).hasPrefix(subject) }
    }

    static func subject(of message: TestSMTPServer.Received) -> String {
        message.data.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") }.map { String($0.dropFirst(9)) } ?? ""
    }

    /// The value of one series on `/metrics` (0 when absent).
    static func metric(_ app: TestApp, _ series: String) async throws -> Int {
        let body = try await app.http.send("GET", "/metrics").bodyText
        return body.components(separatedBy: "\n").first { $0.hasPrefix(series + " ") }
            .flatMap { Int($0.dropFirst(series.count + 1)) } ?? 0
    }

    /// Waits until a message to `recipient` with `subject` arrived and its delivery committed (the record of its
    /// Message-ID is in `notifications.sent_messages`, written with the inbox row: no redelivery can follow), then
    /// checks that it is the only one.
    static func exactlyOne(_ app: TestApp, _ server: TestSMTPServer, to recipient: String, _ subject: String) async throws -> TestSMTPServer.Received? {
        let committed = try await eventually {
            guard let id = messages(server, to: recipient, subject).first?.messageID else { return false }
            return try await app.container.pool.queryFirst("SELECT count(*) FROM notifications.sent_messages WHERE message_id = $1",
                                                           [.text(id)])?.decode(Int.self, at: 0) == 1
        }
        guard committed else { return nil }
        let found = messages(server, to: recipient, subject)
        #expect(found.count == 1, "\(found.count) messages to \(recipient) starting \(subject)")
        return found.first
    }

    @Test func aCustomerIsWelcomedThenToldTheOrderWasReceivedAndPaid() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        try await Self.run(server) { app in
            let (_, customer) = try await app.shop(selling: "CHAIR", quantity: 10, batch: "chairs")
            let welcome = try #require(try await Self.exactlyOne(app, server, to: "c@example.com", "Welcome to Harbour"))
            #expect(welcome.from == "no-reply@harbour.example")
            #expect(welcome.data.contains("\r\nFrom: Harbour <no-reply@harbour.example>\r\n"))

            let placed = try await app.placeOrder([("CHAIR", 3)], token: customer.token)
            let id = try #require(placed["id"] as? String)
            try await app.settlePayment(of: id, .succeeded, token: customer.token)
            _ = try await app.awaitOrder(id, status: "paid", token: customer.token)

            let received = try #require(try await Self.exactlyOne(app, server, to: "c@example.com", "Order received"))
            let text = try #require(MailText.plain(received.data))
            #expect(text.contains(id) && text.contains("3 x CHAIR"))
            let paid = try #require(try await Self.exactlyOne(app, server, to: "c@example.com", "Payment received"))
            #expect(try #require(MailText.plain(paid.data)).contains(id))
            #expect(received.messageID != paid.messageID && received.messageID?.hasSuffix("@harbour.example") == true)

            let metrics = try await app.http.send("GET", "/metrics").bodyText
            #expect(metrics.contains("mail_messages_sent_total{kind=\"order_received\"} 1"))
            #expect(metrics.contains("mail_messages_sent_total{kind=\"payment_received\"} 1"))
            #expect(metrics.contains("mail_messages_failed_total{kind=\"welcome\"} 0"))
        }
    }

    @Test func aCancelledOrderIsAnnounced() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        try await Self.run(server) { app in
            let (_, customer) = try await app.shop(selling: "DESK", quantity: 5, batch: "desks")
            let placed = try await app.placeOrder([("DESK", 1)], token: customer.token)
            let id = try #require(placed["id"] as? String)
            _ = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            #expect(try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: customer.token).status == 200)
            let cancelled = try #require(try await Self.exactlyOne(app, server, to: "c@example.com", "Order cancelled"))
            #expect(try #require(MailText.plain(cancelled.data)).contains(id))
        }
    }

    @Test func aBackorderDelaysTheCustomerAndAlertsTheStockManagers() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        try await Self.run(server) { app in
            let (staff, customer) = try await app.shop(selling: "RUG", quantity: 5, batch: "rugs")
            let placed = try await app.placeOrder([("RUG", 4)], token: customer.token)
            let id = try #require(placed["id"] as? String)
            _ = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            #expect(try await app.http.json("PATCH", "/v1/batches/rugs", ["quantity": 2], token: staff).status == 200)
            _ = try await app.awaitOrder(id, status: "backordered", token: customer.token)

            let delayed = try #require(try await Self.exactlyOne(app, server, to: "c@example.com", "Delayed"))
            #expect(try #require(MailText.plain(delayed.data)).contains("RUG"))
            let alert = try #require(try await Self.exactlyOne(app, server, to: "stock@example.com", "Out of stock: RUG"))
            #expect(alert.recipients.sorted() == ["buyer@example.com", "stock@example.com"], "one message to every stock manager")
            #expect(server.received.filter { !$0.recipients.contains("c@example.com") && Self.subject(of: $0).hasPrefix("Delayed") }.isEmpty)
        }
    }

    @Test func aLaterETATellsTheCustomerTheNewDeliveryDateAndAnEarlierOneDoesNot() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        try await Self.run(server) { app in
            let staff = try await app.staffToken()
            _ = try await app.createProduct("LAMP", token: staff)
            _ = try await app.addBatch("ship", sku: "LAMP", quantity: 10, eta: "2030-01-10", token: staff)
            let customer = try await app.customer("c@example.com")
            let id = try #require(try await app.placeOrder([("LAMP", 2)], token: customer.token)["id"] as? String)
            _ = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            let received = try #require(try await Self.exactlyOne(app, server, to: "c@example.com", "Order received"))
            #expect(try #require(MailText.plain(received.data)).contains("2 x LAMP at 10.00 EUR, expected to ship 2030-01-12"))

            #expect(try await app.http.json("PATCH", "/v1/batches/ship", ["eta": "2030-02-01"], token: staff).status == 200)
            let moved = try #require(try await Self.exactlyOne(app, server, to: "c@example.com", "New delivery date"))
            let text = try #require(MailText.plain(moved.data))
            #expect(text.contains(id) && text.contains("Was: 2030-01-12") && text.contains("Now: 2030-02-03"))
            #expect(text.contains("expected to ship 2030-02-03"), "the lines as Orders shows them now")

            // Earlier: Orders publishes the move, Notifications handles it and sends nothing.
            #expect(try await app.http.json("PATCH", "/v1/batches/ship", ["eta": "2030-01-20"], token: staff).status == 200)
            #expect(try await eventually {
                try await app.container.pool.queryFirst(
                    "SELECT count(*) FROM messaging.inbox WHERE subscriber = 'notifications.new_delivery_date'", [])?.decode(Int.self, at: 0) == 2
            })
            #expect(Self.messages(server, to: "c@example.com", "New delivery date").count == 1)
            #expect(try await Self.metric(app, "mail_messages_sent_total{kind=\"new_delivery_date\"}") == 1)
        }
    }

    @Test func aRefundByStaffTellsTheCustomerTheAmount() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        try await Self.run(server) { app in
            let (staff, customer) = try await app.shop(selling: "CHAIR", quantity: 10, batch: "chairs")
            let id = try #require(try await app.placeOrder([("CHAIR", 2)], token: customer.token)["id"] as? String)
            let payment = try await app.settlePayment(of: id, .succeeded, token: customer.token)
            _ = try await app.awaitOrder(id, status: "paid", token: customer.token)
            let refund = try await app.http.json("POST", "/v1/payments/\(payment.id.lowercased)/refunds",
                                                 ["amount": ["amount": 800, "currency": "EUR"], "reason": "scratched"], token: staff)
            #expect(refund.status == 201, "\(refund.bodyText)")
            let message = try #require(try await Self.exactlyOne(app, server, to: "c@example.com", "Refund"))
            #expect(Self.subject(of: message) == "Refund: 8.00 EUR for \(id)")
            let text = try #require(MailText.plain(message.data))
            #expect(text.contains("Refunded: 8.00 EUR") && text.contains("2 x CHAIR") && !text.contains("in full"))
            #expect(server.received.filter { Self.subject(of: $0).hasPrefix("Refund") }.count == 1, "to the customer only")
        }
    }

    @Test func aServerThatIsDownAtFirstReceivesTheMessageOnceItIsBack() async throws {
        let port = try TestSMTPServer.freePort()
        var environment = Self.environment
        environment["SMTP_URL"] = "smtp://127.0.0.1:\(port)"
        try await TestApp.run(environment: environment, processes: 1) { app in
            try await app.register("late@example.com")
            #expect(try await eventually { try await Self.metric(app, "mail_messages_retried_total{kind=\"welcome\"}") >= 2 },
                    "the delivery failed and is being retried")
            let server = try TestSMTPServer(port: port)
            defer { server.stop() }
            let welcome = try #require(try await Self.exactlyOne(app, server, to: "late@example.com", "Welcome to Harbour"))
            #expect(welcome.messageID != nil)
        }
    }

    @Test func aRecipientRefusedForGoodIsCountedAndNotRetried() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        server.behaviour = .refuseRecipient("gone@example.com")
        try await Self.run(server) { app in
            try await app.register("gone@example.com")
            #expect(try await eventually {
                try await app.http.send("GET", "/metrics").bodyText.contains("mail_messages_failed_total{kind=\"welcome\"} 1")
            })
            #expect(Self.messages(server, to: "gone@example.com", "Welcome").isEmpty)
            #expect(app.logs.lines.contains { $0.contains("message refused for good") && $0.contains("gone@example.com") })
            #expect(try await app.http.send("GET", "/metrics").bodyText.contains("mail_messages_retried_total{kind=\"welcome\"} 0"))
        }
    }

    @Test func recordsOfSentMailArePurgedAfterThirtyDays() async throws {
        let server = try TestSMTPServer()
        defer { server.stop() }
        try await Self.run(server) { app in
            try await app.register("old@example.com")
            try await app.register("new@example.com")
            let old = try #require(try await Self.exactlyOne(app, server, to: "old@example.com", "Welcome"))
            _ = try #require(try await Self.exactlyOne(app, server, to: "new@example.com", "Welcome"))
            let pool = app.container.pool
            _ = try await pool.execute("UPDATE notifications.sent_messages SET sent_at = now() - interval '31 days' WHERE message_id = $1",
                                       [.text(try #require(old.messageID))])
            let purge = try #require(app.container.jobs.jobs.first { $0.name == "notifications.sent_message_purge" })
            #expect(try await purge.pass() == 1)
            let left = try await pool.query("SELECT message_id FROM notifications.sent_messages").map { try $0.decode(String.self, at: 0) }
            #expect(!left.contains(try #require(old.messageID)) && left.count >= 2, "the admin's and new@'s records stay")
        }
    }

    @Test func withoutSMTPURLEachMessageIsAJSONLogLine() async throws {
        try await TestApp.run(environment: ["SHOP_NAME": "Harbour"]) { app in
            try await app.register("log@example.com")
            #expect(await eventually {
                app.logs.lines.contains { $0.contains("\"logger\":\"mail\"") && $0.contains("log@example.com") && $0.contains("Welcome to Harbour") }
            })
        }
    }
}

/// The plain-text part of a received message, decoded (quoted-printable).
enum MailText {
    static func plain(_ data: String) -> String? {
        guard let start = data.range(of: "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"),
              let end = data[start.upperBound...].range(of: "\r\n--=_wharf_") else { return nil }
        let encoded = data[start.upperBound..<end.lowerBound].replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        var index = encoded.utf8.startIndex
        let utf8 = encoded.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "="), let next = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), next < utf8.endIndex,
               let value = UInt8(String(decoding: utf8[utf8.index(after: index)...next], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(after: next)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
