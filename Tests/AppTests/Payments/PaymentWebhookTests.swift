import Foundation
import Kernel
import Logging
import OrdersContracts
import PaymentsContracts
import PaymentsInfrastructure
import TestSupport
import Testing

@Suite("POST /v1/payments/webhook")
struct PaymentWebhookTests {
    @Test func eachEventTypeMovesThePaymentAndIsAnnounced() async throws {
        try await TestApp.run { app in
            let paid = try await app.requestPayment(customerId: UUID())
            let response = try await app.postWebhook(try app.webhookBody(.succeeded, for: paid))
            #expect(response.status == 200 && response.bodyText == #"{"received":true}"#)
            #expect(try await app.paymentStatus(paid.id) == "succeeded")
            #expect(try await app.published(PaymentSucceeded.name) == 1)

            let declined = try await app.requestPayment(customerId: UUID())
            #expect(try await app.postWebhook(try app.webhookBody(.failed, for: declined)).status == 200)
            #expect(try await app.paymentStatus(declined.id) == "failed")
            #expect(try await app.published(PaymentFailed.name) == 1)

            #expect(try await app.postWebhook(try app.webhookBody(.refunded, for: paid)).status == 200)
            #expect(try await app.paymentStatus(paid.id) == "refunded")
            #expect(try await app.published(PaymentRefunded.name) == 1)
        }
    }

    @Test func theSameEventTwiceOrTwoAtOnceHasOneEffect() async throws {
        try await TestApp.run { app in
            let payment = try await app.requestPayment(customerId: UUID())
            let body = try app.webhookBody(.succeeded, for: payment)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 { group.addTask { try await app.postWebhook(body).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == [200, 200])
            #expect(try await app.postWebhook(body).status == 200)
            #expect(try await app.published(PaymentSucceeded.name) == 1)
            // A refund reported twice (two event ids of one refund would be two events; this is one event twice).
            let refund = try app.webhookBody(.refunded, for: payment)
            #expect(try await app.postWebhook(refund).status == 200)
            #expect(try await app.postWebhook(refund).status == 200)
            #expect(try await app.published(PaymentRefunded.name) == 1)
        }
    }

    @Test func unknownTypesUnknownPaymentsAndWrongAmountsAreAcknowledgedButChangeNothing() async throws {
        try await TestApp.run { app in
            let payment = try await app.requestPayment(customerId: UUID())
            let other = Array(#"{"id":"evt_other","type":"customer.created","data":{"object":{"id":"cus_1"}}}"#.utf8)
            #expect(try await app.postWebhook(other).status == 200)
            var stranger = payment
            stranger.providerReference = "pi_nobody"
            #expect(try await app.postWebhook(try app.webhookBody(.succeeded, for: stranger)).status == 200)
            #expect(app.logs.lines.contains { $0.contains("unknown payment") && $0.contains("pi_nobody") })
            for amount in [Money(amount: 1, currency: .eur), Money(amount: 4200, currency: Currency("USD")!)] {
                let response = try await app.postWebhook(try app.webhookBody(.succeeded, for: payment, amount: amount))
                #expect(response.status == 200)
            }
            #expect(app.logs.lines.contains { $0.contains("another amount") })
            #expect(try await app.paymentStatus(payment.id) == "pending")
            #expect(try await app.published(PaymentSucceeded.name) == 0)
        }
    }

    @Test func noDeliveryWithoutAValidSignatureMovesMoney() async throws {
        try await TestApp.run { app in
            let payment = try await app.requestPayment(customerId: UUID())
            for outcome in [SimulatedPaymentEvent.Outcome.succeeded, .failed, .refunded] {
                // The exact 300 s boundary is tested on the verifier with a fixed clock; over HTTP, a slow run must
                // not carry a stamp back into the window, so these are well outside it.
                let now = Int64(Date().timeIntervalSince1970)
                let body = try app.webhookBody(outcome, for: payment)
                let valid = WebhookSignatureHeader.make(body, secret: TestApp.webhookSecret, timestamp: now)
                let forged: [String?] = [
                    nil, "", "garbage", "t=\(now)", WebhookSignatureHeader.make(body, secret: "whsec_guessed_secret_000", timestamp: now),
                    WebhookSignatureHeader.make(body, secret: TestApp.webhookSecret, timestamp: now - 400),
                    WebhookSignatureHeader.make(body, secret: TestApp.webhookSecret, timestamp: now + 400),
                    valid.replacingOccurrences(of: "t=\(now)", with: "t=\(now - 1)"),
                ]
                for header in forged {
                    let response = try await app.http.send("POST", "/v1/payments/webhook",
                                                           headers: [("Content-Type", "application/json")] + (header.map { [("Stripe-Signature", $0)] } ?? []),
                                                           body: body)
                    #expect(response.status == 400 && response.code == "invalid_signature", "\(outcome) \(header ?? "no header")")
                }
                // Tampered: the signature of one body on another.
                let tampered = try app.webhookBody(outcome, for: payment, amount: Money(amount: 1, currency: .eur))
                let response = try await app.postWebhook(tampered, signature: valid)
                #expect(response.status == 400 && response.code == "invalid_signature")
            }
            #expect(try await app.paymentStatus(payment.id) == "pending")
            #expect(try await app.published(PaymentSucceeded.name) + app.published(PaymentFailed.name) + app.published(PaymentRefunded.name) == 0)
            let processed = try await app.processedWebhookEvents()
            #expect(processed == 0, "a refused delivery is not even recorded, so the real one still counts")
        }
    }

    @Test func badBodiesGetClearProblems() async throws {
        try await TestApp.run { app in
            let malformed = try await app.postWebhook(Array("{not json".utf8))
            #expect(malformed.status == 400 && malformed.code == "malformed_json")
            let noAmount = try await app.postWebhook(Array(#"{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1"}}}"#.utf8))
            #expect(noAmount.status == 400 && noAmount.code == "malformed_json")
            let form = try await app.postWebhook(Array("a=b".utf8), contentType: "application/x-www-form-urlencoded")
            #expect(form.status == 415)
            let huge = try await app.postWebhook([UInt8](repeating: 0x20, count: 64 * 1024 + 1))
            #expect(huge.status == 413 && huge.code == "payload_too_large")
            // `/v1/payments/webhook` is a path of its own: GET is not the payment read route with "webhook" as its id
            // (which needed a token, then answered 400), it is a 405 offering POST only, as the document says.
            let get = try await app.http.send("GET", "/v1/payments/webhook")
            #expect(get.status == 405 && get.header("Allow") == "POST, OPTIONS")
        }
    }

    @Test func aPaidOrderCancelledLaterIsRefundedAndALateSuccessToo() async throws {
        try await TestApp.run { app in
            let customer = UUID()
            let paid = try await app.requestPayment(customerId: customer)
            #expect(try await app.postWebhook(try app.webhookBody(.succeeded, for: paid)).status == 200)
            try await app.publish(OrderCancelled(orderId: paid.orderId, customerId: customer, previousStatus: "paid", paymentId: paid.id))
            #expect(try await eventually { try await app.paymentStatus(paid.id) == "refunded" })
            #expect(try await app.published(PaymentRefunded.name) == 1)

            let pending = try await app.requestPayment(customerId: customer)
            try await app.publish(OrderCancelled(orderId: pending.orderId, customerId: customer, previousStatus: "awaiting_payment",
                                                 paymentId: pending.id))
            #expect(try await eventually { try await app.paymentStatus(pending.id) == "cancelled" })
            #expect(try await app.postWebhook(try app.webhookBody(.succeeded, for: pending)).status == 200)
            #expect(try await app.paymentStatus(pending.id) == "refunded")
            #expect(try await app.published(PaymentSucceeded.name) == 1, "only the first payment's success was announced")
            #expect(try await app.published(PaymentRefunded.name) == 2)
        }
    }
}
