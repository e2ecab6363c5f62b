import AllocationContracts
import Foundation
import Kernel
import PaymentsContracts
import PaymentsInfrastructure
import Postgres
import TestSupport
import Testing
@testable import WharfApp

/// The order flow over HTTP as Orders sees it, with the real Allocation (stock from batches) and Payments (signed
/// webhooks) behind it.
@Suite("HTTP: the order flow through Allocation and Payments")
struct OrderFlowTests {
    static func uuid(_ text: Any?) throws -> UUID { try #require((text as? String).flatMap(UUID.init(uuidString:))) }

    @Test func placedAllocatedPaidShippedDelivered() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("A", price: 1500, token: staff)
            try await app.addBatch("b1", sku: "A", quantity: 10, token: staff)
            let customer = try await app.customer("c@example.com")
            let placed = try await app.placeOrder([("A", 2)], token: customer.token)
            let id = try #require(placed["id"] as? String)

            let awaiting = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            let paymentId = try Self.uuid(awaiting["paymentId"])
            let payment = try await app.payment(paymentId)
            #expect(payment.amount.amount == 3000)

            // The provider delivers the same event twice: the second changes nothing.
            let succeeded = try app.webhookBody(.succeeded, for: payment)
            #expect(try await app.postWebhook(succeeded).status == 200)
            #expect(try await app.postWebhook(succeeded).status == 200)
            _ = try await app.awaitOrder(id, status: "paid", token: customer.token)

            try await app.giveAddress(id, token: staff)
            let shipped = try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": "shipped"], token: staff)
            #expect(shipped.status == 200 && shipped.object["status"] as? String == "shipped")
            let delivered = try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": "delivered"], token: staff)
            #expect(delivered.status == 200 && delivered.object["status"] as? String == "delivered")
            #expect(delivered.object["paymentId"] as? String == paymentId.lowercased)

            let history = try await app.http.json("GET", "/v1/orders/\(id)/history", token: staff)
            #expect(history.status == 200)
            #expect(history.items.compactMap { $0["status"] as? String } == ["pending", "awaiting_payment", "paid", "shipped", "delivered"])
            #expect(history.items.allSatisfy { Set($0.keys) == ["status", "at", "reason", "actor"] })
            let forCustomer = try await app.http.json("GET", "/v1/orders/\(id)/history", token: customer.token)
            #expect(forCustomer.status == 403 && forCustomer.code == "forbidden")
            let events = try await app.container.pool.query(
                "SELECT name FROM messaging.outbox WHERE name LIKE 'orders.%' ORDER BY created_at, name", [])
            #expect(try events.map { try $0.decode(String.self, at: 0) } == [
                "orders.order_placed.v1", "orders.order_awaiting_payment.v1", "orders.order_paid.v1", "orders.order_shipped.v1",
                "orders.shipment_created.v1", "orders.order_delivered.v1"])
        }
    }

    @Test func outOfStockRejectsTheOrderAndItCannotBeCancelledAfterwards() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("A", token: staff)
            try await app.createProduct("B", token: staff)
            try await app.addBatch("a", sku: "A", quantity: 10, token: staff)
            try await app.addBatch("b", sku: "B", quantity: 4, token: staff)
            let customer = try await app.customer("c@example.com")
            let id = try #require(try await app.placeOrder([("A", 1), ("B", 5)], token: customer.token)["id"] as? String)
            let orderId = try Self.uuid(id)
            let rejected = try await app.awaitOrder(id, status: "rejected", token: customer.token)
            #expect(rejected["paymentId"] is NSNull)
            // A late, stray allocation result does not revive it.
            try await app.publish(OrderAllocated(orderId: orderId, lines: []))
            let cancel = try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: customer.token)
            #expect(cancel.status == 409 && cancel.code == "invalid_transition" && (cancel.object["detail"] as? String)?.contains("rejected") == true)
            let history = try await app.http.json("GET", "/v1/orders/\(id)/history", token: staff)
            #expect(history.items.last?["reason"] as? String == "out_of_stock: B")
            #expect(try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token).object["status"] as? String == "rejected")
        }
    }

    @Test func aFailedPaymentEndsTheOrderAndALostBatchBackordersAPaidOne() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "A", quantity: 2, batch: "a")
            let failing = try #require(try await app.placeOrder([("A", 1)], token: customer.token)["id"] as? String)
            try await app.settlePayment(of: failing, .failed, token: customer.token)
            _ = try await app.awaitOrder(failing, status: "payment_failed", token: customer.token)
            #expect(try await app.http.json("POST", "/v1/orders/\(failing)/cancel", token: customer.token).status == 409)

            let paid = try #require(try await app.placeOrder([("A", 1)], token: customer.token)["id"] as? String)
            let payment = try await app.settlePayment(of: paid, .succeeded, token: customer.token)
            _ = try await app.awaitOrder(paid, status: "paid", token: customer.token)
            // The only batch of `A` loses its stock: no other batch can take the line.
            #expect(try await app.http.json("PATCH", "/v1/batches/a", ["quantity": 0], token: staff).status == 200)
            _ = try await app.awaitOrder(paid, status: "backordered", token: customer.token)
            let ship = try await app.http.json("PATCH", "/v1/orders/\(paid)/status", ["status": "shipped"], token: staff)
            #expect(ship.status == 409 && ship.code == "invalid_transition" && (ship.object["detail"] as? String)?.contains("backordered") == true)
            let cancelled = try await app.http.json("POST", "/v1/orders/\(paid)/cancel", token: staff)
            #expect(cancelled.status == 200 && cancelled.object["status"] as? String == "cancelled")
            let payload = try await app.container.pool.query(
                "SELECT payload->>'previousStatus', payload->>'paymentId' FROM messaging.outbox WHERE name = 'orders.order_cancelled.v1'", [])
            #expect(payload.count == 1)
            #expect(try payload[0].decode(String.self, at: 0) == "backordered")
            #expect(try payload[0].decode(String.self, at: 1).lowercased() == payment.id.lowercased)
        }
    }

    /// The provider refuses to create the payment (the sandbox, like Stripe, refuses more than 999,999.99 EUR): the
    /// refusal is final, so the payment fails, the order becomes `payment_failed` with the reason in its history, and
    /// its stock is released, instead of the event being retried until it is set aside.
    @Test func aPaymentTheProviderRefusesToCreateFailsTheOrderAndReleasesItsStock() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("YACHT", price: 100_000_000, token: staff)
            try await app.addBatch("y", sku: "YACHT", quantity: 1, token: staff)
            let customer = try await app.customer("c@example.com")
            let id = try #require(try await app.placeOrder([("YACHT", 1)], token: customer.token)["id"] as? String)
            let failed = try await app.awaitOrder(id, status: "payment_failed", token: customer.token)
            let payment = try await app.payment(try Self.uuid(failed["paymentId"]))
            #expect(payment.status == "failed" && payment.providerReference == nil)
            let history = try await app.http.json("GET", "/v1/orders/\(id)/history", token: staff)
            let last = try #require(history.items.last)
            #expect(last["status"] as? String == "payment_failed")
            #expect((last["reason"] as? String)?.hasPrefix("payment_failed: provider_refused: ") == true, "\(history.bodyText)")
            #expect(try await eventually {
                try await app.http.json("GET", "/v1/stock/YACHT").object["available"] as? Int == 1
            })
            #expect(try await app.http.json("GET", "/v1/allocations/\(id)", token: customer.token).bodyText == "[]")
            #expect(try await eventually {
                try await app.container.pool.query(
                    "SELECT count(*) FROM messaging.outbox WHERE completed_at IS NULL OR attempts > 0", [])[0].decode(Int.self, at: 0) == 0
            }, "every event was handled at its first attempt")
        }
    }
}
