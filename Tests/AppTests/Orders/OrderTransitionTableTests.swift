import AllocationContracts
import Foundation
import Kernel
import PaymentsContracts
import TestSupport
import Testing

/// Every status an order can be in, against every change the API offers (cancel, ship, deliver): each pair
/// is either done or `409 invalid_transition` naming the current status; nothing is silently ignored.
@Suite("HTTP: the state machine through the API")
struct OrderTransitionTableTests {
    static let statuses = ["pending", "awaiting_payment", "paid", "backordered", "rejected", "payment_failed", "cancelled",
                           "shipped", "delivered"]

    /// The outcome of `action` from `status`: the new status, or nil for `409 invalid_transition`.
    static func expected(_ action: String, from status: String) -> String? {
        switch action {
        case "cancel": ["pending", "awaiting_payment", "paid", "backordered", "cancelled"].contains(status) ? "cancelled" : nil
        case "shipped": status == "paid" ? "shipped" : nil
        default: status == "shipped" ? "delivered" : nil
        }
    }

    /// Brings a new order of `customer` to `status` through events and staff actions, as the other contexts would.
    static func order(in status: String, _ app: TestApp, customer: String, staff: String) async throws -> String {
        let id = try #require(try await app.placeOrder([("A", 1)], token: customer)["id"] as? String)
        let orderId = try #require(UUID(uuidString: id))
        func paymentId() async throws -> UUID {
            let awaiting = try await app.awaitOrder(id, status: "awaiting_payment", token: staff)
            return try #require((awaiting["paymentId"] as? String).flatMap(UUID.init(uuidString:)))
        }
        if status == "rejected" { try await app.publish(OrderRejected(orderId: orderId, outOfStockSkus: ["A"])) }
        if ["awaiting_payment", "paid", "backordered", "payment_failed", "shipped", "delivered"].contains(status) {
            try await app.publish(OrderAllocated(orderId: orderId, lines: []))
            let payment = try await paymentId()
            if status == "payment_failed" { try await app.publish(PaymentFailed(paymentId: payment, orderId: orderId, reason: nil)) }
            if ["paid", "shipped", "delivered"].contains(status) {
                try await app.publish(PaymentSucceeded(paymentId: payment, orderId: orderId, amount: Money(amount: 1000, currency: .eur)))
                _ = try await app.awaitOrder(id, status: "paid", token: staff)
            }
            if status == "backordered" { try await app.publish(OutOfStock(sku: "A", orderId: orderId, quantity: 1, orderWasAllocated: true)) }
        }
        if ["shipped", "delivered"].contains(status) {
            _ = try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": "shipped"], token: staff)
        }
        if status == "delivered" { _ = try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": "delivered"], token: staff) }
        if status == "cancelled" { _ = try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: customer) }
        _ = try await app.awaitOrder(id, status: status, token: staff)
        return id
    }

    @Test(arguments: ["cancel", "shipped", "delivered"])
    func everyStatusAgainstOneAction(_ action: String) async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("A", token: staff)
            let customer = try await app.customer("c@example.com").token
            for status in Self.statuses {
                let id = try await Self.order(in: status, app, customer: customer, staff: staff)
                let response = action == "cancel"
                    ? try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: customer)
                    : try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": action], token: staff)
                if let next = Self.expected(action, from: status) {
                    #expect(response.status == 200 && response.object["status"] as? String == next, "\(status) → \(action): \(response.bodyText)")
                } else {
                    #expect(response.status == 409 && response.code == "invalid_transition", "\(status) → \(action): \(response.bodyText)")
                    #expect((response.object["detail"] as? String)?.contains("is \(status)") == true, "\(response.bodyText)")
                    let after = try await app.http.json("GET", "/v1/orders/\(id)", token: staff)
                    #expect(after.object["status"] as? String == status, "a refused change leaves the order as it was")
                }
            }
        }
    }
}
