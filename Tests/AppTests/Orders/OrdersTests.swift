import Foundation
import TestSupport
import Testing

@Suite("HTTP: orders")
struct OrdersTests {
    static let orderKeys: Set<String> = ["id", "customerId", "status", "lines", "total", "paymentId", "expectedShipDate",
                                         "shippingAddress", "createdAt", "updatedAt"]

    @Test func placingAnswers201WithLocationPricesFromTheCatalogAndTheContractShape() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            let chair = try #require(try await app.createProduct("CHAIR", price: 1999, token: staff)["id"] as? String)
            try await app.createProduct("LAMP", price: 500, token: staff)
            try await app.addBatch("chairs", sku: "CHAIR", quantity: 10, token: staff)
            try await app.addBatch("lamps", sku: "LAMP", quantity: 10, token: staff)
            let customer = try await app.customer("c@example.com")
            let response = try await app.http.json("POST", "/v1/orders", TestApp.orderBody([(" chair ", 2), ("LAMP", 1)]), token: customer.token)
            #expect(response.status == 201 && response.header("Content-Type") == "application/json")
            let order = response.object
            let id = try #require(order["id"] as? String)
            #expect(response.header("Location") == "/v1/orders/\(id)" && response.header("Idempotent-Replayed") == nil)
            #expect(Set(order.keys) == Self.orderKeys)
            #expect(order["customerId"] as? String == customer.id && order["status"] as? String == "pending")
            #expect(order["paymentId"] is NSNull)
            let lines = try #require(order["lines"] as? [[String: Any]])
            #expect(lines.map { $0["sku"] as? String } == ["CHAIR", "LAMP"] && lines.map { $0["quantity"] as? Int } == [2, 1])
            #expect((lines[0]["unitPrice"] as? [String: Any])?["amount"] as? Int == 1999)
            let total = try #require(order["total"] as? [String: Any])
            #expect(total["amount"] as? Int == 4498 && total["currency"] as? String == "EUR")
            #expect((order["createdAt"] as? String)?.hasSuffix("Z") == true)
            // The catalog's price at placing time stays with the order (once allocation is done, nothing else moves it).
            _ = try await app.awaitOrder(id, status: "awaiting_payment", token: customer.token)
            let before = try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token)
            let linesBefore = try #require(before.object["lines"] as? [[String: Any]])
            #expect(linesBefore.map { ($0["unitPrice"] as? [String: Any])?["amount"] as? Int } == [1999, 500])
            #expect((before.object["total"] as? [String: Any])?["amount"] as? Int == 4498)
            #expect(try await app.http.json("PATCH", "/v1/products/\(chair)", ["price": ["amount": 2999, "currency": "EUR"]], token: staff).status == 200)
            let again = try await app.http.json("GET", "/v1/orders/\(id)", token: customer.token)
            #expect(again.status == 200 && again.bodyText == before.bodyText)
        }
    }

    @Test func placingRefusesBadLinesWithStableCodesAndStoresNothing() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("A", token: staff)
            let gone = try #require(try await app.createProduct("GONE", token: staff)["id"] as? String)
            #expect(try await app.http.json("DELETE", "/v1/products/\(gone)", token: staff).status == 204)
            let customer = try await app.customer("c@example.com")
            let cases: [([String: Any], Int, String, [String])] = [
                (TestApp.orderBody([("A", 1), ("a", 2)]), 422, "duplicate_line", ["lines[1].sku"]),
                (TestApp.orderBody([("A", 1), ("NOPE", 1)]), 422, "unknown_sku", ["lines[1].sku"]),
                (TestApp.orderBody([("GONE", 1)]), 422, "unknown_sku", ["lines[0].sku"]),
                (TestApp.orderBody([("bad sku!", 1)]), 422, "unknown_sku", ["lines[0].sku"]),
                (TestApp.orderBody([]), 422, "validation_failed", ["lines"]),
                (TestApp.orderBody((0..<51).map { ("S\($0)", 1) }), 422, "validation_failed", ["lines"]),
                (TestApp.orderBody([("A", 0)]), 422, "validation_failed", ["lines[0].quantity"]),
                (TestApp.orderBody([("A", 1001)]), 422, "validation_failed", ["lines[0].quantity"]),
                (["lines": [["sku": "A", "quantity": 1, "price": 1]]], 422, "unknown_field", ["lines[0].price"]),
                (["lines": [["sku": "A", "quantity": "1"]]], 422, "validation_failed", ["lines[0].quantity"]),
                (["lines": [["sku": "A"]]], 422, "validation_failed", ["lines[0].quantity"]),
                ([:], 422, "validation_failed", ["lines"]),
            ]
            for (body, status, code, fields) in cases {
                let response = try await app.http.json("POST", "/v1/orders", body, token: customer.token)
                #expect(response.status == status && response.code == code, "\(body): \(response.bodyText)")
                let named = (response.object["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
                #expect(named == fields, "\(response.bodyText)")
            }
            let malformed = try await app.http.send("POST", "/v1/orders", headers: [("Authorization", "Bearer \(customer.token)"),
                                                                                    ("Content-Type", "application/json")],
                                                    body: Array("{\"lines\":".utf8))
            #expect(malformed.status == 400)
            let notJSON = try await app.http.send("POST", "/v1/orders", headers: [("Authorization", "Bearer \(customer.token)")],
                                                  body: Array("lines".utf8))
            #expect(notJSON.status == 415)
            let anonymous = try await app.http.json("POST", "/v1/orders", TestApp.orderBody([("A", 1)]))
            #expect(anonymous.status == 401 && anonymous.header("WWW-Authenticate") == "Bearer")
            let listed = try await app.http.json("GET", "/v1/orders", token: staff)
            #expect(listed.status == 200 && listed.items.isEmpty)
        }
    }

    @Test func ownersStaffAndAdminsReadAnOrderAndOtherCustomersGet404() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("A", token: staff)
            try await app.addBatch("a", sku: "A", quantity: 10, token: staff)
            let owner = try await app.customer("owner@example.com")
            let other = try await app.customer("other@example.com")
            let id = try #require(try await app.placeOrder([("A", 1)], token: owner.token)["id"] as? String)
            _ = try await app.awaitOrder(id, status: "awaiting_payment", token: owner.token)
            for token in [owner.token, staff, try await app.adminToken()] {
                let got = try await app.http.json("GET", "/v1/orders/\(id)", token: token)
                #expect(got.status == 200 && Set(got.object.keys) == Self.orderKeys)
            }
            let hidden = try await app.http.json("GET", "/v1/orders/\(id)", token: other.token)
            let unknown = try await app.http.json("GET", "/v1/orders/\(UUID().uuidString.lowercased())", token: other.token)
            #expect(hidden.status == 404 && hidden.code == "not_found" && hidden.bodyText.replacingOccurrences(of: hidden.object["requestId"] as? String ?? "", with: "")
                    == unknown.bodyText.replacingOccurrences(of: unknown.object["requestId"] as? String ?? "", with: ""))
            #expect(try await app.http.json("GET", "/v1/orders/not-a-uuid", token: owner.token).status == 400)
            #expect(try await app.http.json("GET", "/v1/orders/\(id)").status == 401)
            #expect(try await app.http.json("POST", "/v1/orders/\(id)/cancel", token: other.token).status == 404)
            #expect(try await app.http.json("GET", "/v1/orders/\(id)", token: owner.token).object["status"] as? String == "awaiting_payment")
        }
    }

    @Test func listingIsScopedFilteredAndKeysetPaged() async throws {
        try await TestApp.run { app in
            let staff = try await app.staffToken()
            try await app.createProduct("A", token: staff)
            try await app.addBatch("a", sku: "A", quantity: 10, token: staff)
            let alice = try await app.customer("alice@example.com")
            let bob = try await app.customer("bob@example.com")
            var aliceOrders: [String] = []
            for _ in 0..<5 { aliceOrders.append(try #require(try await app.placeOrder([("A", 1)], token: alice.token)["id"] as? String)) }
            let bobOrder = try #require(try await app.placeOrder([("A", 1)], token: bob.token)["id"] as? String)
            #expect(try await app.http.json("POST", "/v1/orders/\(aliceOrders[0])/cancel", token: alice.token).status == 200)
            for id in aliceOrders.dropFirst() { _ = try await app.awaitOrder(id, status: "awaiting_payment", token: alice.token) }
            _ = try await app.awaitOrder(bobOrder, status: "awaiting_payment", token: bob.token)

            var seen: [String] = []
            var path = "/v1/orders?limit=2"
            while true {
                let page = try await app.http.json("GET", path, token: alice.token)
                #expect(page.status == 200 && Set(page.object.keys) == ["items", "nextCursor"])
                seen += page.items.compactMap { $0["id"] as? String }
                guard let next = page.object["nextCursor"] as? String else { break }
                path = "/v1/orders?limit=2&cursor=\(next)"
            }
            #expect(seen == aliceOrders.reversed(), "customers see their own, newest first")

            let all = try await app.http.json("GET", "/v1/orders?limit=100", token: staff)
            #expect(all.items.compactMap { $0["id"] as? String } == [bobOrder] + aliceOrders.reversed())
            let bobs = try await app.http.json("GET", "/v1/orders?customerId=\(bob.id)", token: staff)
            #expect(bobs.items.compactMap { $0["id"] as? String } == [bobOrder])
            let cancelled = try await app.http.json("GET", "/v1/orders?status=cancelled", token: try await app.adminToken())
            #expect(cancelled.items.compactMap { $0["id"] as? String } == [aliceOrders[0]])
            let ownFilter = try await app.http.json("GET", "/v1/orders?status=awaiting_payment&customerId=\(alice.id)", token: alice.token)
            #expect(ownFilter.items.count == 4)

            let othersFilter = try await app.http.json("GET", "/v1/orders?customerId=\(bob.id)", token: alice.token)
            #expect(othersFilter.status == 403 && othersFilter.code == "forbidden")
            for (query, status) in [("limit=0", 422), ("limit=101", 422), ("status=lost", 422), ("cursor=forged", 400),
                                    ("customerId=nope", 422)] {
                let response = try await app.http.json("GET", "/v1/orders?\(query)", token: staff)
                #expect(response.status == status, "\(query): \(response.bodyText)")
            }
            #expect(try await app.http.json("GET", "/v1/orders").status == 401)
        }
    }
}
