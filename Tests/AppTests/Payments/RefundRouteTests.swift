import Foundation
import Kernel
import PaymentsContracts
import PaymentsInfrastructure
import TestSupport
import Testing
@testable import WharfApp

/// "Refunds by staff" of the contract, through the real server with the sandbox provider (refunds succeed at
/// once), and refunds made at the provider arriving as signed `charge.refunded` webhooks.
@Suite("HTTP: refunds by staff and at the provider")
struct RefundRouteTests {
    /// A paid order of two products at 10.00 EUR (total 2000): staff's token, the customer, the order id and its payment.
    static func paidOrder(_ app: TestApp) async throws -> (staff: String, customer: (token: String, id: String), order: String, payment: PaymentDTO) {
        let (staff, customer) = try await app.shop(selling: "CHAIR", quantity: 10, batch: "chairs")
        let order = try #require(try await app.placeOrder([("CHAIR", 2)], token: customer.token)["id"] as? String)
        let payment = try await app.settlePayment(of: order, .succeeded, token: customer.token)
        _ = try await app.awaitOrder(order, status: "paid", token: customer.token)
        return (staff, customer, order, payment)
    }

    static func refund(_ app: TestApp, _ payment: UUID, _ body: [String: Any], token: String,
                       key: String? = nil) async throws -> TestClient.Response {
        try await app.http.json("POST", "/v1/payments/\(payment.lowercased)/refunds", body, token: token,
                                headers: key.map { [("Idempotency-Key", $0)] } ?? [])
    }

    static func eur(_ amount: Int) -> [String: Any] { ["amount": amount, "currency": "EUR"] }

    /// The order's history entries with reason `refunded`, as (status, amount).
    static func refundEntries(_ app: TestApp, order: String, token: String) async throws -> [(String, Int)] {
        let history = try await app.http.json("GET", "/v1/orders/\(order)/history", token: token)
        return history.items.filter { $0["reason"] as? String == "refunded" }.map {
            ($0["status"] as? String ?? "", ($0["amount"] as? [String: Any])?["amount"] as? Int ?? -1)
        }
    }

    @Test func aPartRefundThenTheRestWithItsHistoryAndTheOrderCannotShipOnceFullyRefunded() async throws {
        try await TestApp.run { app in
            let (staff, customer, order, payment) = try await Self.paidOrder(app)
            // Exact bytes: a replay is recognised by the same key and byte-identical body.
            let body = Array(#"{"amount":{"amount":800,"currency":"EUR"},"reason":"one chair arrived scratched"}"#.utf8)
            let path = "/v1/payments/\(payment.id.lowercased)/refunds"
            let headers = [("Authorization", "Bearer \(staff)"), ("Content-Type", "application/json"), ("Idempotency-Key", "refund-1")]
            let first = try await app.http.send("POST", path, headers: headers, body: body)
            #expect(first.status == 201, "\(first.bodyText)")
            let refund = first.object
            let refundId = try #require(refund["id"] as? String)
            #expect(first.header("Location") == "/v1/payments/\(payment.id.lowercased)/refunds/\(refundId)")
            #expect(refund["paymentId"] as? String == payment.id.lowercased && refund["status"] as? String == "succeeded")
            #expect((refund["amount"] as? [String: Any])?["amount"] as? Int == 800 && refund["reason"] as? String == "one chair arrived scratched")
            #expect(refund["createdAt"] is String && refund["updatedAt"] is String)

            // The same key and body replay the first answer; another body with that key is refused.
            let replay = try await app.http.send("POST", path, headers: headers, body: body)
            #expect(replay.status == 201 && replay.body == first.body && replay.header("Idempotent-Replayed") == "true",
                    "\(replay.status) \(replay.bodyText) vs \(first.bodyText)")
            let reused = try await Self.refund(app, payment.id, ["amount": Self.eur(100), "reason": "x"], token: staff, key: "refund-1")
            #expect(reused.status == 422 && reused.code == "idempotency_key_reused")

            let partly = try await app.http.json("GET", "/v1/payments/\(payment.id.lowercased)", token: customer.token).object
            #expect(partly["status"] as? String == "succeeded" && (partly["refundedAmount"] as? [String: Any])?["amount"] as? Int == 800)
            #expect(try await eventually { try await Self.refundEntries(app, order: order, token: staff).map(\.1) == [800] })
            #expect(try await Self.refundEntries(app, order: order, token: staff).map(\.0) == ["paid"], "a refund changes no status")

            // Omitted amount: all that is left.
            let rest = try await Self.refund(app, payment.id, ["reason": "customer returned the other"], token: staff)
            #expect(rest.status == 201 && (rest.object["amount"] as? [String: Any])?["amount"] as? Int == 1200)
            let refunded = try await app.http.json("GET", "/v1/payments/\(payment.id.lowercased)", token: staff).object
            #expect(refunded["status"] as? String == "refunded" && (refunded["refundedAmount"] as? [String: Any])?["amount"] as? Int == 2000)
            let again = try await Self.refund(app, payment.id, ["reason": "more"], token: staff)
            #expect(again.status == 409 && again.code == "invalid_transition")

            let list = try await app.http.json("GET", "/v1/payments/\(payment.id.lowercased)/refunds", token: customer.token)
            #expect(list.status == 200 && list.items.compactMap { ($0["amount"] as? [String: Any])?["amount"] as? Int } == [800, 1200])
            #expect(list.object.keys.contains("nextCursor") && list.object["nextCursor"] is NSNull)

            #expect(try await eventually { try await Self.refundEntries(app, order: order, token: staff).map(\.1) == [800, 1200] })
            try await app.giveAddress(order, token: staff)
            let ship = try await app.http.json("PATCH", "/v1/orders/\(order)/status", ["status": "shipped"], token: staff)
            #expect(ship.status == 409 && ship.code == "payment_refunded")
            #expect(try await app.awaitOrder(order, status: "paid", token: staff)["status"] as? String == "paid")
        }
    }

    @Test func refusalsHaveStableCodesAndRecordNothing() async throws {
        try await TestApp.run { app in
            let (staff, customer, _, payment) = try await Self.paidOrder(app)
            let path = "/v1/payments/\(payment.id.lowercased)/refunds"
            let customerTry = try await Self.refund(app, payment.id, ["reason": "mine"], token: customer.token)
            #expect(customerTry.status == 403 && customerTry.code == "forbidden")
            let unknown = try await Self.refund(app, UUID(), ["reason": "x"], token: staff)
            #expect(unknown.status == 404 && unknown.code == "not_found")
            let cases: [([String: Any], String)] = [
                (["amount": Self.eur(2001), "reason": "too much"], "refund_exceeds_payment"),
                (["amount": Self.eur(0), "reason": "nothing"], "validation_failed"),
                (["amount": ["amount": 100, "currency": "USD"], "reason": "dollars"], "validation_failed"),
                (["reason": ""], "validation_failed"),
                (["reason": String(repeating: "x", count: 501)], "validation_failed"),
                ([:], "validation_failed"),
                (["reason": "x", "orderId": UUID().uuidString], "unknown_field"),
            ]
            for (body, code) in cases {
                let refused = try await Self.refund(app, payment.id, body, token: staff)
                #expect(refused.status == 422 && refused.code == code, "\(body): \(refused.status) \(refused.bodyText)")
            }
            let twice = try await app.http.json("POST", path, ["reason": "x"], token: staff,
                                                headers: [("Idempotency-Key", "a"), ("Idempotency-Key", "b")])
            #expect(twice.status == 400 && twice.code == "invalid_idempotency_key")
            let badId = try await app.http.json("POST", "/v1/payments/not-a-uuid/refunds", ["reason": "x"], token: staff)
            #expect(badId.status == 400)
            let stranger = try await app.customer("stranger@example.com")
            #expect(try await app.http.json("GET", path, token: stranger.token).status == 404)
            #expect(try await app.http.json("GET", path).status == 401)
            #expect(try await app.http.json("GET", path, token: staff).items.isEmpty)
            #expect(try await app.payment(payment.id).refundedAmount.amount == 0)

            // A payment that is still pending cannot be refunded.
            let waiting = try #require(try await app.placeOrder([("CHAIR", 1)], token: customer.token)["id"] as? String)
            let awaiting = try await app.awaitOrder(waiting, status: "awaiting_payment", token: customer.token)
            let pending = try #require((awaiting["paymentId"] as? String).flatMap(UUID.init(uuidString:)))
            let notYet = try await Self.refund(app, pending, ["reason": "x"], token: staff)
            #expect(notYet.status == 409 && notYet.code == "invalid_transition")
        }
    }

    @Test func cancellingAPartlyRefundedOrderReleasesItsStockAndRefundsOnlyTheRest() async throws {
        try await TestApp.run { app in
            let (staff, customer, order, payment) = try await Self.paidOrder(app)
            #expect(try await Self.refund(app, payment.id, ["amount": Self.eur(500), "reason": "late"], token: staff).status == 201)
            // Orders records the refund before the order is cancelled, so its entry shows the status it had.
            #expect(try await eventually { try await Self.refundEntries(app, order: order, token: staff).count == 1 })
            let cancelled = try await app.http.json("POST", "/v1/orders/\(order)/cancel", token: customer.token)
            #expect(cancelled.status == 200 && cancelled.object["status"] as? String == "cancelled")
            #expect(try await eventually { try await app.paymentStatus(payment.id) == "refunded" })
            #expect(try await app.payment(payment.id).refundedAmount.amount == 2000)
            let refunds = try await app.http.json("GET", "/v1/payments/\(payment.id.lowercased)/refunds", token: customer.token)
            #expect(refunds.items.compactMap { ($0["amount"] as? [String: Any])?["amount"] as? Int } == [500, 1500])
            #expect(try await eventually { try await app.stock("CHAIR")?["available"] as? Int == 10 })
            #expect(try await eventually {
                try await Self.refundEntries(app, order: order, token: staff).map { "\($0.0):\($0.1)" } == ["paid:500", "cancelled:1500"]
            })
        }
    }

    @Test func chargeRefundedPartAndFullThroughTheSignedWebhook() async throws {
        try await TestApp.run { app in
            let (staff, customer, order, payment) = try await Self.paidOrder(app)
            func refundedAtProvider(_ total: Int64) async throws -> Int {
                let body = try SimulatedPaymentEvent(eventId: "evt_\(UUID().uuidString)", outcome: .refunded, paymentId: payment.id,
                                                     orderId: payment.orderId, providerReference: payment.providerReference ?? "",
                                                     amount: payment.amount, created: Int64(Date().timeIntervalSince1970),
                                                     amountRefunded: total).body()
                return try await app.postWebhook(body).status
            }
            #expect(try await refundedAtProvider(700) == 200)
            let partly = try await app.payment(payment.id)
            #expect(partly.status == "succeeded" && partly.refundedAmount.amount == 700)
            #expect(try await eventually { try await Self.refundEntries(app, order: order, token: staff).map(\.1) == [700] })
            let refunds = try await app.http.json("GET", "/v1/payments/\(payment.id.lowercased)/refunds", token: customer.token)
            #expect(refunds.items.first?["reason"] as? String == "refunded at the provider" && refunds.items.first?["status"] as? String == "succeeded")

            #expect(try await refundedAtProvider(2000) == 200)
            #expect(try await app.paymentStatus(payment.id) == "refunded")
            #expect(try await eventually { try await Self.refundEntries(app, order: order, token: staff).map(\.1) == [700, 1300] })
            try await app.giveAddress(order, token: staff)
            let ship = try await app.http.json("PATCH", "/v1/orders/\(order)/status", ["status": "shipped"], token: staff)
            #expect(ship.status == 409 && ship.code == "payment_refunded")
        }
    }
}
