import Foundation
import Kernel
import Mail
import NotificationsDomain
import Testing

/// Every message kind rendered: the contract's subject, both parts from the same data, values escaped in HTML,
/// the shop's name configurable.
@Suite("Notifications: rendering each message")
struct MessageRenderingTests {
    static let orderId = UUID(uuidString: "0190f6e1-2b3c-7d4e-8f00-0123456789ab") ?? UUID()
    static let hostile = "Ann <b>&amp; \"Co\"</b>"
    static let items = [MessageBlock.Item(sku: "CHAIR", quantity: 2, unitPrice: "19.99 EUR"),
                        MessageBlock.Item(sku: "LAMP<1>", quantity: 1, unitPrice: "5.00 EUR", expectedShipDate: "2026-12-24")]

    /// (template, subject prefix of the contract, something the body must tell)
    static let cases: [(any MessageTemplate, String, String)] = [
        (WelcomeMessage(name: hostile), "Welcome to", "Your account is ready"),
        (OrderReceivedMessage(name: hostile, orderId: orderId, items: items, total: "44.98 EUR"), "Order received", "44.98 EUR"),
        (PaymentReceivedMessage(name: hostile, orderId: orderId, items: items, total: "44.98 EUR"), "Payment received", "44.98 EUR"),
        (OrderDelayedMessage(name: hostile, orderId: orderId, sku: "CHAIR", items: items), "Delayed", "no longer available"),
        (OrderCancelledMessage(name: hostile, orderId: orderId, items: items, paymentRequested: true), "Order cancelled", "refunded"),
        (NewDeliveryDateMessage(name: hostile, orderId: orderId, previousDate: "2026-12-24", date: "2027-01-08", items: items),
         "New delivery date", "It now ships on 2027-01-08 instead of 2026-12-24."),
        (RefundMessage(name: hostile, orderId: orderId, amount: "12.50 EUR", fullyRefunded: false, items: items), "Refund", "We have refunded 12.50 EUR"),
        (OutOfStockMessage(sku: "CHAIR", orderId: orderId, quantity: 3, orderWasAllocated: true), "Out of stock: CHAIR", "backordered"),
    ]

    static func render(_ template: any MessageTemplate, shop: String = "Harbour & Sons") -> RenderedMessage {
        func open<T: MessageTemplate>(_ template: T) -> RenderedMessage {
            MessageLayout.render(template, to: [Recipient(email: "ann@example.com", name: hostile)], shop: shop)
        }
        return open(template)
    }

    @Test(arguments: 0..<8) func eachKindHasItsSubjectAndTellsTheSameInBothParts(_ index: Int) {
        let (template, prefix, telling) = Self.cases[index]
        let message = Self.render(template)
        #expect(message.subject.hasPrefix(prefix), "\(message.subject)")
        #expect(message.text.contains(telling) && message.html.contains(telling))
        #expect(message.text.contains("Harbour & Sons") && message.html.contains("Harbour &amp; Sons"))
        if message.kind != .welcome {
            #expect(message.text.contains(Self.orderId.uuidString.lowercased()) && message.html.contains(Self.orderId.uuidString.lowercased()))
        }
        if message.kind != .welcome && message.kind != .outOfStock {
            #expect(message.text.contains("2 x CHAIR at 19.99 EUR"))
            #expect(message.text.contains("1 x LAMP<1> at 5.00 EUR, expected to ship 2026-12-24"))
            #expect(message.html.contains("<td>LAMP&lt;1&gt;</td>") && message.html.contains("<td>2026-12-24</td>"))
        }
    }

    @Test(arguments: 0..<7) func htmlEscapesEveryValueAndTextKeepsThemAsTheyAre(_ index: Int) {
        let message = Self.render(Self.cases[index].0)
        #expect(message.text.contains("Hello \(Self.hostile),"))
        #expect(message.html.contains("Hello Ann &lt;b&gt;&amp;amp; &quot;Co&quot;&lt;/b&gt;,"))
        #expect(!message.html.contains("<b>"))
    }

    @Test func orderReceivedTellsEveryLinesShipDateAndToBeConfirmedWhereThereIsNone() {
        let message = Self.render(OrderReceivedMessage(name: nil, orderId: Self.orderId, items: Self.items, total: "44.98 EUR"))
        #expect(message.text.contains("- 2 x CHAIR at 19.99 EUR, ship date to be confirmed\n"))
        #expect(message.text.contains("- 1 x LAMP<1> at 5.00 EUR, expected to ship 2026-12-24\n"))
        #expect(message.html.contains("<td>CHAIR</td><td align=\"right\">2</td><td align=\"right\">19.99 EUR</td><td>to be confirmed</td>"))
        #expect(message.html.contains("<td>2026-12-24</td>"))
        let paid = Self.render(PaymentReceivedMessage(name: nil, orderId: Self.orderId, items: Self.items, total: "44.98 EUR"))
        #expect(!paid.text.contains("to be confirmed") && !paid.html.contains("to be confirmed"), "only Order received promises every date")
    }

    @Test func aNewDeliveryDateIsToldOnlyWhenTheDateMovedLater() {
        #expect(NewDeliveryDateMessage.tells(movingFrom: "2026-12-24", to: "2026-12-25"))
        #expect(NewDeliveryDateMessage.tells(movingFrom: "2026-12-31", to: "2027-01-01"))
        #expect(!NewDeliveryDateMessage.tells(movingFrom: "2026-12-24", to: "2026-12-24"), "unchanged")
        #expect(!NewDeliveryDateMessage.tells(movingFrom: "2026-12-24", to: "2026-12-20"), "earlier")
        #expect(!NewDeliveryDateMessage.tells(movingFrom: nil, to: "2026-12-24"), "first date: Order received tells it")
        #expect(!NewDeliveryDateMessage.tells(movingFrom: "2026-12-24", to: nil), "lost: Delayed tells it")
        let message = Self.render(NewDeliveryDateMessage(name: nil, orderId: Self.orderId, previousDate: "2026-12-24", date: "2027-01-08", items: []))
        #expect(message.subject == "New delivery date: \(Self.orderId.uuidString.lowercased())")
        #expect(message.text.contains("Was: 2026-12-24\nNow: 2027-01-08"))
        #expect(message.html.contains("<th align=\"left\">Was</th><td>2026-12-24</td>") && message.html.contains("<th align=\"left\">Now</th><td>2027-01-08</td>"))
    }

    @Test func aRefundNamesItsAmountInTheSubjectAndSaysWhenThePaymentIsRefundedInFull() {
        let part = Self.render(RefundMessage(name: nil, orderId: Self.orderId, amount: "8.00 EUR", fullyRefunded: false, items: []))
        #expect(part.subject == "Refund: 8.00 EUR for \(Self.orderId.uuidString.lowercased())")
        #expect(part.text.contains("Refunded: 8.00 EUR") && part.html.contains("<th align=\"left\">Refunded</th><td>8.00 EUR</td>"))
        #expect(!part.text.contains("in full") && !part.html.contains("in full"))
        let full = Self.render(RefundMessage(name: nil, orderId: Self.orderId, amount: "20.00 EUR", fullyRefunded: true, items: []))
        #expect(full.text.contains("refunded in full") && full.html.contains("refunded in full"))
    }

    @Test func theShopNameIsConfigurableAndAnEncodedSubjectSurvivesTheMessage() throws {
        let message = Self.render(WelcomeMessage(name: "Zoë"), shop: "Läden Ünal")
        #expect(message.subject == "Welcome to Läden Ünal")
        let mail = MailMessage(from: try #require(MailAddress(parsing: "Läden <no-reply@shop.example>")),
                               to: [try #require(MailAddress(address: "z@example.com", displayName: "Zoë"))],
                               subject: message.subject, text: message.text, html: message.html, messageID: "x@shop.example", date: Date())
        let data = String(decoding: mail.rendered(), as: UTF8.self)
        #expect(data.contains("Subject: =?UTF-8?B?"))
        #expect(!data.contains("Läden Ünal"), "non-ASCII only inside encodings")
    }

    @Test func aMessageIDIsStablePerEventAndRecipients() {
        let event = UUID()
        let ann = Recipient(email: "ann@example.com"), bob = Recipient(email: "Bob@Example.com")
        let id = MessageID.derive(eventId: event, recipients: [ann, bob], domain: "shop.example")
        #expect(id == MessageID.derive(eventId: event, recipients: [bob, ann], domain: "shop.example"))
        #expect(id != MessageID.derive(eventId: event, recipients: [ann], domain: "shop.example"))
        #expect(id != MessageID.derive(eventId: UUID(), recipients: [ann, bob], domain: "shop.example"))
        #expect(id.hasPrefix(event.uuidString.lowercased() + ".") && id.hasSuffix("@shop.example") && !id.contains("ann"))
    }

    @Test func moneyReadsAsAPersonWouldWriteIt() throws {
        let eur = try #require(Currency("EUR")), jpy = try #require(Currency("JPY"))
        #expect(MoneyText.format(Money(amount: 4498, currency: eur)) == "44.98 EUR")
        #expect(MoneyText.format(Money(amount: 5, currency: eur)) == "0.05 EUR")
        #expect(MoneyText.format(Money(amount: 1200, currency: jpy)) == "1200 JPY")
    }
}
