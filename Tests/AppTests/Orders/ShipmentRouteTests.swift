import Foundation
import PaymentsInfrastructure
import Postgres
import TestSupport
import Testing
@testable import WharfApp

/// "Addresses and fulfilment" of the contract, row by row, through the real server: Allocation says which lines are
/// warehouse stock, Payments settles through signed webhooks.
@Suite("HTTP: shipping addresses and shipments")
struct ShipmentRouteTests {
    /// A paid order of 3 × A and 2 × B (both in the warehouse) with or without an address: staff, the customer and
    /// the order id.
    static func paidOrder(_ app: TestApp, address: Bool = true) async throws -> (staff: String, customer: (token: String, id: String), order: String) {
        let staff = try await app.staffToken()
        try await app.createProduct("A", token: staff)
        try await app.createProduct("B", token: staff)
        try await app.addBatch("a", sku: "A", quantity: 100, token: staff)
        try await app.addBatch("b", sku: "B", quantity: 100, token: staff)
        let customer = try await app.customer("c@example.com")
        var body = TestApp.orderBody([("A", 3), ("B", 2)])
        if address { body["shippingAddress"] = TestApp.address }
        let placed = try await app.http.json("POST", "/v1/orders", body, token: customer.token)
        let order = try #require(placed.object["id"] as? String)
        try await app.settlePayment(of: order, .succeeded, token: staff)
        _ = try await app.awaitOrder(order, status: "paid", token: staff)
        return (staff, customer, order)
    }

    static func lines(_ lines: [(String, Int)]) -> [[String: Any]] { lines.map { ["sku": $0.0, "quantity": $0.1] } }

    @Test func anOrderTakesItsAddressAtPlacingOrLaterUntilGoodsShip() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "A", quantity: 10, batch: "a")
            var body = TestApp.orderBody([("A", 1)])
            body["shippingAddress"] = ["name": "Ada", "line1": "1 Rue", "line2": NSNull(), "city": "Paris", "postalCode": "75001",
                                       "country": "fr", "phone": "+33 1 23 45 67 89"]
            let placed = try await app.http.json("POST", "/v1/orders", body, token: customer.token)
            #expect(placed.status == 201)
            let address = try #require(placed.object["shippingAddress"] as? [String: Any])
            #expect(address["country"] as? String == "FR" && address["line2"] is NSNull && address["phone"] as? String == "+33 1 23 45 67 89")
            #expect((placed.object["lines"] as? [[String: Any]])?.first?["shippedQuantity"] as? Int == 0)
            let id = try #require(placed.object["id"] as? String)
            #expect((try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token).object["shippingAddress"] as? [String: Any])?["city"] as? String == "Paris")

            let without = try await app.placeOrder([("A", 1)], token: customer.token)
            #expect(without["shippingAddress"] is NSNull)

            body["shippingAddress"] = ["name": "Ada", "line1": "1 Rue", "city": "Paris", "postalCode": "75001", "country": "XX"]
            let badCountry = try await app.http.json("POST", "/v1/orders", body, token: customer.token)
            #expect(badCountry.status == 422 && badCountry.code == "validation_failed")
            #expect(badCountry.bodyText.contains("shippingAddress.country"))
            body["shippingAddress"] = ["name": "Ada", "line1": "1 Rue", "city": "Paris", "postalCode": "75001", "country": "FR", "floor": 3]
            let unknown = try await app.http.json("POST", "/v1/orders", body, token: customer.token)
            #expect(unknown.status == 422 && unknown.code == "unknown_field")

            // PUT: the owner, staff; not another customer; the same rules.
            let other = try await app.customer("other@example.com")
            #expect(try await app.http.json("PUT", "/v1/orders/\(id)/shipping-address", TestApp.address, token: other.token).status == 404)
            let byOwner = try await app.http.json("PUT", "/v1/orders/\(id)/shipping-address", TestApp.address, token: customer.token)
            #expect(byOwner.status == 200 && (byOwner.object["shippingAddress"] as? [String: Any])?["city"] as? String == "Hamburg")
            #expect(try await app.http.json("PUT", "/v1/orders/\(id)/shipping-address", TestApp.address, token: staff).status == 200)
            var extra = TestApp.address
            extra["floor"] = 3
            let unknownPut = try await app.http.json("PUT", "/v1/orders/\(id)/shipping-address", extra, token: customer.token)
            #expect(unknownPut.status == 422 && unknownPut.code == "unknown_field")
            var badPhone = TestApp.address
            badPhone["phone"] = "call me"
            let phone = try await app.http.json("PUT", "/v1/orders/\(id)/shipping-address", badPhone, token: customer.token)
            #expect(phone.status == 422 && phone.code == "validation_failed" && phone.bodyText.contains("phone"))
            #expect(try await app.http.json("PUT", "/v1/orders/\(id)/shipping-address", TestApp.address).status == 401)

            // A cancelled order's address is locked.
            let cancelledId = try #require(without["id"] as? String)
            _ = try await app.awaitOrder(cancelledId, status: "awaiting_payment", token: staff)
            #expect(try await app.http.json("POST", "/v1/orders/\(cancelledId)/cancel", token: customer.token).status == 200)
            let locked = try await app.http.json("PUT", "/v1/orders/\(cancelledId)/shipping-address", TestApp.address, token: customer.token)
            #expect(locked.status == 409 && locked.code == "address_locked")
        }
    }

    @Test func staffShipAnOrderInTwoShipmentsAndEveryoneConcernedCanReadThem() async throws {
        try await TestApp.run { app in
            let (staff, customer, order) = try await Self.paidOrder(app)
            let byCustomer = try await app.http.json("POST", "/v1/orders/\(order)/shipments", ["lines": Self.lines([("A", 1)])], token: customer.token)
            #expect(byCustomer.status == 403 && byCustomer.code == "forbidden")

            let first = try await app.http.json("POST", "/v1/orders/\(order)/shipments",
                                                ["lines": Self.lines([("a", 2), ("B", 2)]), "carrier": "DHL", "trackingNumber": "JJD0001"],
                                                token: staff, headers: [("X-Request-Id", "req-ship")])
            #expect(first.status == 201, "\(first.bodyText)")
            let firstId = try #require(first.object["id"] as? String)
            #expect(first.header("Location") == "/v1/orders/\(order)/shipments/\(firstId)")
            #expect(first.object["orderId"] as? String == order && first.object["carrier"] as? String == "DHL"
                    && first.object["trackingNumber"] as? String == "JJD0001" && first.object["createdAt"] is String)
            #expect((first.object["lines"] as? [[String: Any]])?.map { "\($0["sku"] ?? "")x\($0["quantity"] ?? "")" } == ["Ax2", "Bx2"])
            let partly = try await app.http.json("GET", "/v1/orders/\(order)", token: customer.token).object
            #expect(partly["status"] as? String == "partially_shipped")
            #expect((partly["lines"] as? [[String: Any]])?.compactMap { $0["shippedQuantity"] as? Int } == [2, 2])

            // A partly shipped order cannot be cancelled, and its address no longer changes.
            let cancel = try await app.http.json("POST", "/v1/orders/\(order)/cancel", token: customer.token)
            #expect(cancel.status == 409 && cancel.code == "invalid_transition")
            let address = try await app.http.json("PUT", "/v1/orders/\(order)/shipping-address", TestApp.address, token: customer.token)
            #expect(address.status == 409 && address.code == "address_locked")

            let over = try await app.http.json("POST", "/v1/orders/\(order)/shipments", ["lines": Self.lines([("B", 1)])], token: staff)
            #expect(over.status == 422 && over.bodyText.contains("lines[0].quantity"), "B has fully shipped")
            let second = try await app.http.json("POST", "/v1/orders/\(order)/shipments", ["lines": Self.lines([("A", 1)])], token: staff)
            #expect(second.status == 201 && second.object["carrier"] is NSNull && second.object["trackingNumber"] is NSNull)
            let shipped = try await app.http.json("GET", "/v1/orders/\(order)", token: customer.token).object
            #expect(shipped["status"] as? String == "shipped")
            #expect((shipped["lines"] as? [[String: Any]])?.compactMap { $0["shippedQuantity"] as? Int } == [3, 2])
            let again = try await app.http.json("POST", "/v1/orders/\(order)/shipments", ["lines": Self.lines([("A", 1)])], token: staff)
            #expect(again.status == 409 && again.code == "invalid_transition")

            let list = try await app.http.json("GET", "/v1/orders/\(order)/shipments", token: customer.token)
            let secondId = try #require(second.object["id"] as? String)
            #expect(list.status == 200 && list.items.compactMap { $0["id"] as? String } == [firstId, secondId])
            #expect(list.object.keys.contains("nextCursor") && list.object["nextCursor"] is NSNull)
            let one = try await app.http.json("GET", "/v1/orders/\(order)/shipments/\(firstId)", token: customer.token)
            #expect(one.status == 200 && one.object["trackingNumber"] as? String == "JJD0001")
            #expect(try await app.http.json("GET", "/v1/orders/\(order)/shipments/\(firstId)", token: staff).status == 200)
            let other = try await app.customer("other@example.com")
            #expect(try await app.http.json("GET", "/v1/orders/\(order)/shipments", token: other.token).status == 404)
            #expect(try await app.http.json("GET", "/v1/orders/\(order)/shipments/\(firstId)", token: other.token).status == 404)
            #expect(try await app.http.json("GET", "/v1/orders/\(order)/shipments/\(UUID().uuidString.lowercased())", token: staff).status == 404)

            let history = try await app.http.json("GET", "/v1/orders/\(order)/history", token: staff)
            #expect(history.items.compactMap { $0["status"] as? String }.suffix(2) == ["partially_shipped", "shipped"])

            // Audit (admin) and the event for "On its way", in the shipments' transactions.
            let admin = try await app.adminToken()
            let audit = try await app.http.json("GET", "/v1/audit-events?targetType=shipment&targetId=\(firstId)", token: admin)
            #expect(audit.items.count == 1 && audit.items.first?["action"] as? String == "shipment.created")
            #expect(audit.items.first?["requestId"] as? String == "req-ship")
            let events = try await app.container.pool.query(
                "SELECT payload::text FROM messaging.outbox WHERE name = 'orders.shipment_created.v1' ORDER BY created_at", [])
            #expect(events.count == 2)
            let payload = try JSONSerialization.jsonObject(with: Data(try events[0].decode(String.self, at: 0).utf8)) as? [String: Any]
            // Event payloads carry ids as Foundation writes them (upper case).
            #expect((payload?["shipmentId"] as? String)?.lowercased() == firstId && (payload?["orderId"] as? String)?.lowercased() == order
                    && (payload?["customerId"] as? String)?.lowercased() == customer.id.lowercased() && payload?["carrier"] as? String == "DHL"
                    && payload?["trackingNumber"] as? String == "JJD0001" && (payload?["lines"] as? [Any])?.count == 2, "\(String(describing: payload))")
        }
    }

    @Test func theChecksComeInTheContractsOrder() async throws {
        try await TestApp.run { app in
            let (staff, customer, order) = try await Self.paidOrder(app, address: false)
            func post(_ body: [String: Any], to id: String = order) async throws -> (Int, String?, String) {
                let response = try await app.http.json("POST", "/v1/orders/\(id)/shipments", body, token: staff)
                return (response.status, response.code, response.bodyText)
            }
            // The status first: an unpaid order refuses even a broken body.
            let unpaid = try #require(try await app.placeOrder([("A", 1)], token: customer.token)["id"] as? String)
            _ = try await app.awaitOrder(unpaid, status: "awaiting_payment", token: staff)
            #expect(try await post(["lines": []], to: unpaid).1 == "invalid_transition")
            #expect(try await post(["lines": Self.lines([("A", 1)])], to: UUID().uuidString.lowercased()).0 == 404)
            // Then the body.
            for (body, field) in [(["lines": []] as [String: Any], "lines"), (["lines": Self.lines([("C", 1)])], "lines[0].sku"),
                                  (["lines": Self.lines([("A", 1), ("A", 1)])], "lines[1].sku"),
                                  (["lines": Self.lines([("A", 4)])], "lines[0].quantity"), (["lines": Self.lines([("A", 0)])], "lines[0].quantity"),
                                  (["lines": Self.lines([("A", 1)]), "carrier": ""], "carrier"),
                                  (["lines": Self.lines([("A", 1)]), "trackingNumber": String(repeating: "t", count: 129)], "trackingNumber")] {
                let (status, code, text) = try await post(body)
                #expect(status == 422 && code == "validation_failed" && text.contains("\"\(field)\""), "\(text)")
            }
            let (unknownStatus, unknownCode, _) = try await post(["lines": Self.lines([("A", 1)]), "note": "x"])
            #expect(unknownStatus == 422 && unknownCode == "unknown_field")
            // Then the address (the goods are in the warehouse), then the payment.
            #expect(try await post(["lines": Self.lines([("A", 1)])]).1 == "address_required")
            let patch = try await app.http.json("PATCH", "/v1/orders/\(order)/status", ["status": "shipped"], token: staff)
            #expect(patch.status == 409 && patch.code == "address_required")
            try await app.giveAddress(order, token: customer.token)
            let paymentId = try #require(try await app.http.json("GET", "/v1/orders/\(order)", token: staff).object["paymentId"] as? String)
            let refund = try await app.http.json("POST", "/v1/payments/\(paymentId)/refunds", ["reason": "all back"], token: staff)
            #expect(refund.status == 201)
            // Orders learns of the refund from Payments' event: once its history shows it, nothing can ship.
            #expect(try await eventually {
                try await app.http.json("GET", "/v1/orders/\(order)/history", token: staff).items.contains { $0["reason"] as? String == "refunded" }
            })
            #expect(try await post(["lines": Self.lines([("A", 1)])]).1 == "payment_refunded")
            #expect(try await app.http.json("GET", "/v1/orders/\(order)/shipments", token: staff).items.isEmpty)
        }
    }

    @Test func goodsAtSeaCannotLeaveAndTheStatusShipsWhatIsLeftOnceTheyArrive() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("A", token: staff)
            try await app.createProduct("S", token: staff)
            try await app.addBatch("a", sku: "A", quantity: 10, token: staff)
            try await app.addBatch("sea", sku: "S", quantity: 10, eta: "2030-01-15", token: staff)
            let customer = try await app.customer("c@example.com")
            var body = TestApp.orderBody([("A", 2), ("S", 1)])
            body["shippingAddress"] = TestApp.address
            let order = try #require(try await app.http.json("POST", "/v1/orders", body, token: customer.token).object["id"] as? String)
            try await app.settlePayment(of: order, .succeeded, token: staff)
            _ = try await app.awaitOrder(order, status: "paid", token: staff)

            let atSea = try await app.http.json("POST", "/v1/orders/\(order)/shipments", ["lines": Self.lines([("S", 1)])], token: staff)
            #expect(atSea.status == 409 && atSea.code == "not_in_warehouse")
            let all = try await app.http.json("PATCH", "/v1/orders/\(order)/status", ["status": "shipped"], token: staff)
            #expect(all.status == 409 && all.code == "not_in_warehouse")
            let part = try await app.http.json("POST", "/v1/orders/\(order)/shipments", ["lines": Self.lines([("A", 1)])], token: staff)
            #expect(part.status == 201)

            #expect(try await app.http.json("PATCH", "/v1/batches/sea", ["eta": NSNull()], token: staff).status == 200)
            let rest = try await app.http.json("PATCH", "/v1/orders/\(order)/status", ["status": "shipped"], token: staff)
            #expect(rest.status == 200 && rest.object["status"] as? String == "shipped", "\(rest.bodyText)")
            let shipments = try await app.http.json("GET", "/v1/orders/\(order)/shipments", token: staff).items
            #expect(shipments.count == 2)
            #expect((shipments.last?["lines"] as? [[String: Any]])?.map { "\($0["sku"] ?? "")x\($0["quantity"] ?? "")" } == ["Ax1", "Sx1"],
                    "the status ships everything left as one shipment")
            let delivered = try await app.http.json("PATCH", "/v1/orders/\(order)/status", ["status": "delivered"], token: staff)
            #expect(delivered.status == 200 && delivered.object["status"] as? String == "delivered")
        }
    }

    @Test func concurrentShipmentsOfOneOrderNeverShipMoreThanOrdered() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("A", token: staff)
            try await app.addBatch("a", sku: "A", quantity: 100, token: staff)
            let customer = try await app.customer("c@example.com")
            var body = TestApp.orderBody([("A", 10)])
            body["shippingAddress"] = TestApp.address
            let order = try #require(try await app.http.json("POST", "/v1/orders", body, token: customer.token).object["id"] as? String)
            try await app.settlePayment(of: order, .succeeded, token: staff)
            _ = try await app.awaitOrder(order, status: "paid", token: staff)

            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await app.http.json("POST", "/v1/orders/\(order)/shipments", ["lines": Self.lines([("A", 3)])], token: staff).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 3, "3 × 3 of 10 fit; a fourth would ship 12: \(statuses)")
            #expect(statuses.filter { $0 == 422 }.count == 5, "\(statuses)")
            let shipped = try await app.container.pool.query(
                "SELECT shipped_quantity FROM orders.order_lines WHERE order_id = $1", [.uuid(try #require(UUID(uuidString: order)))])
            #expect(try shipped.first?.decode(Int.self, at: 0) == 9)
            let total = try await app.http.json("GET", "/v1/orders/\(order)/shipments", token: staff).items
                .compactMap { ($0["lines"] as? [[String: Any]])?.first?["quantity"] as? Int }.reduce(0, +)
            #expect(total == 9)
            #expect(try await app.http.json("GET", "/v1/orders/\(order)", token: staff).object["status"] as? String == "partially_shipped")
        }
    }
}
