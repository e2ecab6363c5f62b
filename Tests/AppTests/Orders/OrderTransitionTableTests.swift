import Foundation
import PaymentsInfrastructure
import TestSupport
import Testing

/// Every status an order can be in, against every change the API offers (cancel, ship, deliver): each pair
/// is either done or `409 invalid_transition` naming the current status; nothing is silently ignored. Every status
/// is reached through the real Allocation and Payments contexts.
@Suite("HTTP: the state machine through the API")
struct OrderTransitionTableTests {
    static let statuses = ["pending", "awaiting_payment", "paid", "backordered", "rejected", "payment_failed", "cancelled",
                           "partially_shipped", "shipped", "delivered"]

    /// The outcome of `action` from `status`: the new status, or nil for `409 invalid_transition`.
    static func expected(_ action: String, from status: String) -> String? {
        switch action {
        case "cancel": ["pending", "awaiting_payment", "paid", "backordered", "cancelled"].contains(status) ? "cancelled" : nil
        case "shipped": ["paid", "partially_shipped"].contains(status) ? "shipped" : nil
        default: status == "shipped" ? "delivered" : nil
        }
    }

    /// Brings a new order of `customer` to `status` through the real flow: stock of `A` (and of `B`, one unit per
    /// order, for the backordered one) from batches, Allocation, Payments with signed webhooks, staff actions.
    /// `rejected` orders more than the stock; `backordered` is a paid order whose only batch is lowered to zero.
    /// `partially_shipped` is a paid order of 2 of which 1 has shipped. `pending` is not reached here: Allocation would
    /// move it on (see `everyStatusAgainstOneAction`).
    static func order(in status: String, _ app: TestApp, customer: String, staff: String) async throws -> String {
        let sku = status == "backordered" ? "B" : "A"
        if status == "backordered" { try await app.addBatch("b", sku: "B", quantity: 1, token: staff) }
        let quantity = status == "rejected" ? 1000 : status == "partially_shipped" ? 2 : 1
        let id = try #require(try await app.placeOrder([(sku, quantity)], token: customer)["id"] as? String)
        // Shipping needs an address (the contract's `address_required`); given before payment, while it may change.
        if ["paid", "partially_shipped", "shipped", "delivered"].contains(status) { try await app.giveAddress(id, token: staff) }
        if status == "payment_failed" { try await app.settlePayment(of: id, .failed, token: staff) }
        if ["paid", "backordered", "partially_shipped", "shipped", "delivered"].contains(status) {
            try await app.settlePayment(of: id, .succeeded, token: staff)
            _ = try await app.awaitOrder(id, status: "paid", token: staff)
        }
        if status == "backordered" {
            #expect(try await app.http.json("PATCH", "/v1/batches/b", ["quantity": 0], token: staff).status == 200)
        }
        if status == "partially_shipped" {
            _ = try await app.http.json("POST", "/v1/orders/\(id)/shipments", ["lines": [["sku": sku, "quantity": 1]]], token: staff)
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
            try await app.createProduct("B", token: staff)
            try await app.addBatch("a", sku: "A", quantity: 100, token: staff)
            let customer = try await app.customer("c@example.com").token
            func check(_ id: String, in status: String) async throws {
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
            for status in Self.statuses {
                if status == "pending" {
                    // Pending only while Allocation is busy with `A`: the change is made before it can move on.
                    try await app.whileAllocationHolds("A") {
                        let id = try #require(try await app.placeOrder([("A", 1)], token: customer)["id"] as? String)
                        try await check(id, in: status)
                    }
                } else {
                    try await check(try await Self.order(in: status, app, customer: customer, staff: staff), in: status)
                }
            }
        }
    }
}
