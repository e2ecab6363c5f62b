import Foundation
import Kernel
import Logging
import OrdersContracts
import TestSupport
import Testing

/// Cosmic Python's end-to-end and view tests: Orders' events go in on the bus, the API shows the outcome.
@Suite("HTTP: allocations and stock")
struct AllocationFlowTests {
    @Test func aPlacedOrderIsAllocatedAndShownToItsOwnerAndStaffOnly() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("RED-CHAIR", token: staff)
            try await app.createProduct("BLUE-LAMP", token: staff)
            try await app.addBatch("later", sku: "RED-CHAIR", quantity: 100, eta: "2027-06-01", token: staff)
            try await app.addBatch("earlier", sku: "RED-CHAIR", quantity: 100, eta: "2027-05-01", token: staff)
            try await app.addBatch("lamps", sku: "BLUE-LAMP", quantity: 5, token: staff)
            let owner = try await app.register("owner@example.com")
            let ownerToken = try await app.logIn("owner@example.com").access
            try await app.register("other@example.com")
            let otherToken = try await app.logIn("other@example.com").access

            let order = try await app.placeOrder([("RED-CHAIR", 3), ("BLUE-LAMP", 2)], customer: owner)
            let expected = ["RED-CHAIR": "earlier", "BLUE-LAMP": "lamps"]
            #expect(try await eventually { try await app.allocations(order, token: ownerToken) == expected })
            #expect(try await app.allocations(order, token: staff) == expected)
            #expect(try await app.allocations(order, token: try await app.adminToken()) == expected)
            let foreign = try await app.http.json("GET", "/v1/allocations/\(order.lowercased)", token: otherToken)
            #expect(foreign.status == 404 && foreign.code == "not_found", "another customer's order is not revealed")
            #expect(try await app.http.json("GET", "/v1/allocations/\(UUID().lowercased)", token: staff).status == 404)
            #expect(try await app.http.json("GET", "/v1/allocations/not-a-uuid", token: staff).status == 400)
            #expect(try await app.http.json("GET", "/v1/allocations/\(order.lowercased)").status == 401)

            // The stock read model follows.
            #expect(try await eventually {
                let stock = try await app.stock("red-chair")
                return stock?["available"] as? Int == 197 && stock?["warehouseAvailable"] as? Int == 0
                    && stock?["nextEta"] as? String == "2027-05-01" && stock?["sku"] as? String == "RED-CHAIR"
            })
            #expect(try await eventually { try await app.stock("BLUE-LAMP")?["warehouseAvailable"] as? Int == 3 })
        }
    }

    /// The contract's "Operations": a known order with nothing allocated is `200 []`, also right after placing it,
    /// before Allocation has handled `order_placed` (it was `404`); another customer's is still `404`.
    @Test func anOrderJustPlacedHasNothingAllocatedYetRatherThanBeingUnknown() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "RED-CHAIR", quantity: 10, batch: "b1")
            let other = try await app.customer("other@example.com")
            // Allocation's handler of the order waits on the SKU's stock row meanwhile, so it cannot have run.
            try await app.whileAllocationHolds("RED-CHAIR") {
                let placed = try await app.placeOrder([("RED-CHAIR", 1)], token: customer.token)
                let id = try require(placed["id"] as? String, "order id")
                for token in [customer.token, staff] {
                    let early = try await app.http.json("GET", "/v1/allocations/\(id)", token: token)
                    #expect(early.status == 200 && early.bodyText == "[]", "\(early.status) \(early.bodyText)")
                }
                let foreign = try await app.http.json("GET", "/v1/allocations/\(id)", token: other.token)
                #expect(foreign.status == 404 && foreign.code == "not_found")
                #expect(try await app.http.json("GET", "/v1/allocations/\(UUID().lowercased)", token: customer.token).status == 404)
            }
        }
    }

    @Test func anOrderThatCannotBeAllocatedWhollyKeepsNothingAndIsRejected() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("CHAIR", token: staff)
            try await app.createProduct("TABLE", token: staff)
            try await app.addBatch("chairs", sku: "CHAIR", quantity: 10, token: staff)
            try await app.addBatch("tables", sku: "TABLE", quantity: 1, token: staff)
            let owner = try await app.register("owner@example.com")
            let ownerToken = try await app.logIn("owner@example.com").access
            let order = try await app.placeOrder([("CHAIR", 2), ("TABLE", 2)], customer: owner)
            // Known order, nothing allocated: `[]`, and the out-of-stock SKU reached the stock manager (the log).
            #expect(try await eventually { try await app.allocations(order, token: ownerToken) == [:] })
            #expect(await eventually { app.logs.lines.contains { $0.contains("out of stock") && $0.contains("TABLE") } })
            #expect(try await app.http.json("GET", "/v1/batches/chairs", token: staff).object["availableQuantity"] as? Int == 10)
        }
    }

    @Test func cancellingOrFailingPaymentReleasesStockOnceEvenWhenRedelivered() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("LAMP", token: staff)
            try await app.addBatch("lamps", sku: "LAMP", quantity: 5, token: staff)
            let owner = try await app.register("owner@example.com")
            let customerId = try #require(UUID(uuidString: owner))
            let ownerToken = try await app.logIn("owner@example.com").access
            let cancelled = try await app.placeOrder([("LAMP", 2)], customer: owner)
            let unpaid = try await app.placeOrder([("LAMP", 3)], customer: owner)
            #expect(try await eventually { try await app.stock("LAMP")?["available"] as? Int == 0 })

            try await app.publish(OrderCancelled(orderId: cancelled, customerId: customerId, previousStatus: "awaiting_payment", paymentId: nil))
            try await app.publish(OrderCancelled(orderId: cancelled, customerId: customerId, previousStatus: "awaiting_payment", paymentId: nil))
            try await app.publish(OrderPaymentFailed(orderId: unpaid, customerId: customerId, paymentId: UUID()))
            #expect(try await eventually { try await app.stock("LAMP")?["available"] as? Int == 5 })
            #expect(try await eventually { try await app.allocations(cancelled, token: ownerToken) == [:] })
            #expect(try await eventually { try await app.allocations(unpaid, token: ownerToken) == [:] })
            #expect(try await app.http.json("GET", "/v1/batches/lamps", token: staff).object["allocatedQuantity"] as? Int == 0)
            // A redelivered placement of a released order allocates nothing.
            try await app.placeOrder([("LAMP", 2)], customer: owner, id: cancelled)
            let late = try await app.placeOrder([("LAMP", 1)], customer: owner)
            #expect(try await eventually { try await app.allocations(late, token: ownerToken) == ["LAMP": "lamps"] })
            #expect(try await app.http.json("GET", "/v1/batches/lamps", token: staff).object["allocatedQuantity"] as? Int == 1)
        }
    }

    @Test func loweringABatchMovesLinesAndTheViewFollows() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("TABLE", token: staff)
            try await app.addBatch("warehouse", sku: "TABLE", quantity: 10, token: staff)
            try await app.addBatch("ship", sku: "TABLE", quantity: 10, eta: "2027-05-01", token: staff)
            let owner = try await app.register("owner@example.com")
            let first = try await app.placeOrder([("TABLE", 6)], customer: owner)
            #expect(try await eventually { try await app.allocations(first, token: staff) == ["TABLE": "warehouse"] })
            let second = try await app.placeOrder([("TABLE", 4)], customer: owner)
            #expect(try await eventually { try await app.allocations(second, token: staff) == ["TABLE": "warehouse"] })

            let changed = try await app.http.json("PATCH", "/v1/batches/warehouse", ["quantity": 6], token: staff)
            #expect(changed.status == 200 && changed.object["allocatedQuantity"] as? Int == 6)
            #expect(try await eventually { try await app.allocations(second, token: staff) == ["TABLE": "ship"] })
            #expect(try await app.allocations(first, token: staff) == ["TABLE": "warehouse"])
            #expect(try await eventually {
                let stock = try await app.stock("TABLE")
                return stock?["available"] as? Int == 6 && stock?["warehouseAvailable"] as? Int == 0 && stock?["nextEta"] as? String == "2027-05-01"
            })
        }
    }

    @Test func stockIsPublicForCatalogSKUsOnly() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("NEW-THING", token: staff)
            // A catalog SKU without batches answers zeros at once (the catalog is asked; nothing to wait for).
            let stock = try await app.stock("new-thing")
            #expect(stock?["available"] as? Int == 0 && stock?["warehouseAvailable"] as? Int == 0 && stock?["nextEta"] is NSNull)
            // A discontinued product that never had a batch is no longer stock anyone can have.
            let gone = try #require(try await app.createProduct("GONE-THING", token: staff)["id"] as? String)
            #expect(try await app.http.json("DELETE", "/v1/products/\(gone)", token: staff).status == 204)
            #expect(try await app.http.json("GET", "/v1/stock/GONE-THING").status == 404)
            let never = try await app.http.json("GET", "/v1/stock/NEVER-SOLD")
            #expect(never.status == 404 && never.code == "not_found")
            #expect(try await app.http.json("GET", "/v1/stock/bad%20sku!").status == 404)
            #expect(try await app.http.json("GET", "/v1/stock/%FF").status == 400)
            #expect(try await app.http.json("GET", "/v1/stock/\(String(repeating: "A", count: 65))").status == 404)
        }
    }

    @Test func forgedOrderEventsAreRejectedNotCrashed() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("LAMP", token: staff)
            try await app.addBatch("lamps", sku: "LAMP", quantity: 5, token: staff)
            let owner = try await app.register("owner@example.com")
            for lines in [[("LAMP", 0)], [("LAMP", -3)], [("not a sku", 1), ("LAMP", 1)], [("LAMP", 2_000_000)], []] {
                let order = try await app.placeOrder(lines, customer: owner)
                #expect(try await eventually { try await app.allocations(order, token: staff) == [:] }, "\(lines)")
            }
            #expect(try await app.http.json("GET", "/v1/batches/lamps", token: staff).object["allocatedQuantity"] as? Int == 0)
        }
    }
}
