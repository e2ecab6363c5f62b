import AllocationContracts
import Foundation
import Kernel
import PaymentsContracts
import PaymentsInfrastructure
import TestSupport
import Testing
@testable import WharfApp

/// The whole order flow end to end (issues 7 and 8), with nothing played by the test: stock from batches through
/// the API, the real Allocation, the real Payments with signed webhooks, staff actions. Read models (stock,
/// allocations) are polled; an order's status is polled with `awaitOrder`.
@Suite("HTTP: an order from placing to delivery, across Orders, Allocation and Payments")
struct OrderToDeliveryFlowTests {
    /// Waits until `GET /v1/stock/{sku}` shows `available` (and `warehouse` when given).
    static func stock(_ app: TestApp, _ sku: String, available: Int, warehouse: Int? = nil) async throws -> Bool {
        try await eventually {
            let stock = try await app.stock(sku)
            return stock?["available"] as? Int == available && (warehouse.map { stock?["warehouseAvailable"] as? Int == $0 } ?? true)
        }
    }

    /// `GET /v1/payments/{id}` as `token`.
    static func payment(_ app: TestApp, _ id: Any?, token: String) async throws -> TestClient.Response {
        try await app.http.json("GET", "/v1/payments/\(try #require(id as? String))", token: token)
    }

    /// Waits until the payment `id` has `status`, read through the API.
    static func payment(_ app: TestApp, _ id: Any?, becomes status: String, token: String) async throws -> Bool {
        try await eventually { try await payment(app, id, token: token).object["status"] as? String == status }
    }

    static func allocatedQuantity(_ app: TestApp, batch: String, token: String) async throws -> Int? {
        try await app.http.json("GET", "/v1/batches/\(batch)", token: token).object["allocatedQuantity"] as? Int
    }

    /// Waits until the order's history ends with the refund of its payment.
    static func refundRecorded(_ app: TestApp, order id: String, token: String) async throws -> Bool {
        try await eventually {
            let history = try await app.http.json("GET", "/v1/orders/\(id)/history", token: token)
            // The contract's reason `refunded`, with the amount that went back.
            return history.items.last?["reason"] as? String == "refunded"
                && (history.items.last?["amount"] as? [String: Any])?["amount"] != nil
                && history.items.last?["status"] as? String == "cancelled"
        }
    }

    static func orderId(_ order: [String: Any]) throws -> UUID { try #require((order["id"] as? String).flatMap(UUID.init(uuidString:))) }

    @Test func placedPaidShippedDeliveredWithItsBatchAndStock() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("CHAIR", price: 1999, token: staff)
            try await app.addBatch("chairs", sku: "CHAIR", quantity: 10, token: staff)
            #expect(try await Self.stock(app, "CHAIR", available: 10, warehouse: 10))
            let owner = try await app.customer("owner@example.com")
            let placed = try await app.placeOrder([("CHAIR", 3)], token: owner.token)
            let id = try #require(placed["id"] as? String)

            let awaiting = try await app.awaitOrder(id, status: "awaiting_payment", token: owner.token)
            let paymentId = try #require(awaiting["paymentId"] as? String)
            let pending = try await Self.payment(app, paymentId, token: owner.token)
            #expect(pending.status == 200 && pending.object["status"] as? String == "pending" && pending.object["orderId"] as? String == id)
            let amount = try #require(pending.object["amount"] as? [String: Any])
            #expect(amount["amount"] as? Int == 5997 && amount["currency"] as? String == "EUR")
            #expect((placed["total"] as? [String: Any])?["amount"] as? Int == 5997)
            #expect(try await eventually { try await app.allocations(try Self.orderId(placed), token: owner.token) == ["CHAIR": "chairs"] })
            #expect(try await Self.stock(app, "CHAIR", available: 7, warehouse: 7))

            let webhook = try app.webhookBody(.succeeded, for: try await app.payment(try #require(UUID(uuidString: paymentId))))
            #expect(try await app.postWebhook(webhook).status == 200)
            #expect(try await Self.payment(app, paymentId, token: owner.token).object["status"] as? String == "succeeded")
            _ = try await app.awaitOrder(id, status: "paid", token: owner.token)

            try await app.giveAddress(id, token: staff)
            let shipped = try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": "shipped"], token: staff)
            #expect(shipped.status == 200 && shipped.object["status"] as? String == "shipped")
            let delivered = try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": "delivered"], token: staff)
            #expect(delivered.status == 200 && delivered.object["status"] as? String == "delivered" && delivered.object["paymentId"] as? String == paymentId)
            // Delivered goods stay taken from their batch.
            #expect(try await Self.allocatedQuantity(app, batch: "chairs", token: staff) == 3)
            #expect(try await app.allocations(try Self.orderId(placed), token: owner.token) == ["CHAIR": "chairs"])
            #expect(try await Self.stock(app, "CHAIR", available: 7, warehouse: 7))
        }
    }

    @Test func anOrderWithALineOutOfStockIsRejectedAndKeepsNothing() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("LAMP", token: staff)
            try await app.createProduct("SOFA", token: staff)
            try await app.addBatch("lamps", sku: "LAMP", quantity: 5, token: staff)
            try await app.addBatch("sofas", sku: "SOFA", quantity: 1, token: staff)
            let customer = try await app.customer("c@example.com")
            let placed = try await app.placeOrder([("LAMP", 2), ("SOFA", 3)], token: customer.token)
            let rejected = try await app.awaitOrder(try #require(placed["id"] as? String), status: "rejected", token: customer.token)
            #expect(rejected["paymentId"] is NSNull)

            #expect(try await eventually { try await app.allocations(try Self.orderId(placed), token: customer.token) == [:] })
            #expect(try await Self.allocatedQuantity(app, batch: "lamps", token: staff) == 0)
            #expect(try await Self.allocatedQuantity(app, batch: "sofas", token: staff) == 0)
            #expect(try await Self.stock(app, "LAMP", available: 5, warehouse: 5))
            #expect(try await Self.stock(app, "SOFA", available: 1, warehouse: 1))
            // The whole of the in-stock SKU is still there to sell.
            let all = try await app.placeOrder([("LAMP", 5)], token: customer.token)
            _ = try await app.awaitOrder(try #require(all["id"] as? String), status: "awaiting_payment", token: customer.token)
            #expect(try await Self.stock(app, "LAMP", available: 0))
        }
    }

    @Test func cancellingAPaidOrderRefundsItAndReleasesItsStock() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "DESK", quantity: 5, batch: "desks")
            let placed = try await app.placeOrder([("DESK", 2)], token: customer.token)
            let id = try #require(placed["id"] as? String)
            let payment = try await app.settlePayment(of: id, .succeeded, token: customer.token)
            _ = try await app.awaitOrder(id, status: "paid", token: customer.token)
            #expect(try await Self.stock(app, "DESK", available: 3))

            let cancelled = try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: customer.token)
            #expect(cancelled.status == 200 && cancelled.object["status"] as? String == "cancelled")
            #expect(try await Self.payment(app, payment.id.lowercased, becomes: "refunded", token: customer.token))
            #expect(try await Self.refundRecorded(app, order: id, token: staff))
            #expect(try await Self.stock(app, "DESK", available: 5))
            #expect(try await Self.allocatedQuantity(app, batch: "desks", token: staff) == 0)
            #expect(try await eventually { try await app.allocations(try Self.orderId(placed), token: customer.token) == [:] })
            #expect(try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token).object["status"] as? String == "cancelled")
        }
    }

    @Test func aFailedPaymentEndsTheOrderAndReleasesItsStock() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "RUG", quantity: 5, batch: "rugs")
            let placed = try await app.placeOrder([("RUG", 2)], token: customer.token)
            let id = try #require(placed["id"] as? String)
            _ = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            #expect(try await Self.stock(app, "RUG", available: 3))

            let payment = try await app.settlePayment(of: id, .failed, token: customer.token)
            _ = try await app.awaitOrder(id, status: "payment_failed", token: customer.token)
            #expect(try await Self.payment(app, payment.id.lowercased, token: customer.token).object["status"] as? String == "failed")
            #expect(try await Self.stock(app, "RUG", available: 5))
            #expect(try await Self.allocatedQuantity(app, batch: "rugs", token: staff) == 0)
            #expect(try await eventually { try await app.allocations(try Self.orderId(placed), token: customer.token) == [:] })
        }
    }

    @Test func aSuccessArrivingAfterTheOrderWasCancelledIsRefunded() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "BED", quantity: 5, batch: "beds")
            let id = try #require(try await app.placeOrder([("BED", 1)], token: customer.token)["id"] as? String)
            let awaiting = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            let paymentId = try #require(awaiting["paymentId"] as? String)
            #expect(try await Self.stock(app, "BED", available: 4))

            let cancelled = try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: customer.token)
            #expect(cancelled.status == 200 && cancelled.object["status"] as? String == "cancelled")
            #expect(try await Self.payment(app, paymentId, becomes: "cancelled", token: customer.token))
            // The customer paid anyway, and the provider says so afterwards.
            let payment = try await app.payment(try #require(UUID(uuidString: paymentId)))
            #expect(try await app.postWebhook(try app.webhookBody(.succeeded, for: payment)).status == 200)
            #expect(try await Self.payment(app, paymentId, becomes: "refunded", token: customer.token))
            #expect(try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token).object["status"] as? String == "cancelled")
            #expect(try await Self.stock(app, "BED", available: 5))
            // The refund is written into the order's history (ADR 11), its status unchanged.
            #expect(try await Self.refundRecorded(app, order: id, token: staff))
            let history = try await app.http.json("GET", "/v1/orders/\(id)/history", token: staff)
            #expect(history.items.compactMap { $0["status"] as? String } == ["pending", "awaiting_payment", "cancelled", "cancelled"])
        }
    }

    @Test func warehouseStockGoesFirstAndALoweredBatchMovesTheLineToAShipment() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("TABLE", token: staff)
            try await app.addBatch("ship", sku: "TABLE", quantity: 5, eta: "2027-05-01", token: staff)
            try await app.addBatch("warehouse", sku: "TABLE", quantity: 5, token: staff)
            let customer = try await app.customer("c@example.com")
            let placed = try await app.placeOrder([("TABLE", 3)], token: customer.token)
            let id = try #require(placed["id"] as? String)
            try await app.settlePayment(of: id, .succeeded, token: customer.token)
            _ = try await app.awaitOrder(id, status: "paid", token: customer.token)
            #expect(try await eventually { try await app.allocations(try Self.orderId(placed), token: customer.token) == ["TABLE": "warehouse"] })

            let lowered = try await app.http.json("PATCH", "/v1/batches/warehouse", ["quantity": 2], token: staff)
            #expect(lowered.status == 200 && lowered.object["allocatedQuantity"] as? Int == 0)
            #expect(try await eventually { try await app.allocations(try Self.orderId(placed), token: customer.token) == ["TABLE": "ship"] })
            #expect(try await Self.allocatedQuantity(app, batch: "ship", token: staff) == 3)
            #expect(try await eventually {
                let stock = try await app.stock("TABLE")
                return stock?["available"] as? Int == 4 && stock?["warehouseAvailable"] as? Int == 2 && stock?["nextEta"] as? String == "2027-05-01"
            })
            // Moved, not lost: no out-of-stock, and the order stays paid.
            #expect(try await app.published(OutOfStock.name) == 0)
            #expect(try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token).object["status"] as? String == "paid")
            let history = try await app.http.json("GET", "/v1/orders/\(id)/history", token: staff)
            #expect(history.items.compactMap { $0["status"] as? String } == ["pending", "awaiting_payment", "paid"])
        }
    }
}
