import Foundation
import Kernel
import PaymentsContracts
import PaymentsInfrastructure
import TestSupport
import Testing
@testable import WharfApp

/// "Who did it": each audited action through the real server, with its actor, request id and changes, and the
/// admin's listing with its filters and paging.
@Suite("HTTP: the audit log")
struct AuditLogTests {
    /// The entries about one resource, newest first, read as the admin.
    static func entries(_ app: TestApp, _ query: String, admin: String) async throws -> [[String: Any]] {
        let page = try await app.http.json("GET", "/v1/audit-events?\(query)&limit=100", token: admin)
        #expect(page.status == 200, "\(page.bodyText)")
        return page.items
    }

    static func change(_ entry: [String: Any]?, _ member: String) -> (from: Any?, to: Any?)? {
        guard let change = (entry?["changes"] as? [String: Any])?[member] as? [String: Any] else { return nil }
        return (change["from"], change["to"])
    }

    static func actorId(_ entry: [String: Any]?) -> String? { (entry?["actor"] as? [String: Any])?["id"] as? String }

    static func money(_ value: Any?) -> Int? { (value as? [String: Any])?["amount"] as? Int }

    @Test func usersAndProductsAndBatchesAreRecordedWithActorRequestIdAndChanges() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let adminId = try #require(try await app.http.json("GET", "/v1/users/me", token: admin).object["id"] as? String)
            let created = try await app.http.json("POST", "/v1/users", ["email": "s@example.com", "password": "password-1", "name": "Sam",
                                                                        "roles": ["customer"]], token: admin, headers: [("X-Request-Id", "req-create-user")])
            let userId = try #require(created.object["id"] as? String)
            let userCreated = try await Self.entries(app, "targetId=\(userId)&action=user.created", admin: admin).first
            #expect(userCreated?["requestId"] as? String == "req-create-user" && Self.actorId(userCreated) == adminId)
            #expect((userCreated?["actor"] as? [String: Any])?["type"] as? String == "user")
            #expect((userCreated?["target"] as? [String: Any])?["type"] as? String == "user")
            #expect(Self.change(userCreated, "email")?.to as? String == "s@example.com" && Self.change(userCreated, "email")?.from is NSNull)
            #expect(Self.change(userCreated, "roles")?.to as? [String] == ["customer"])
            let createdChanges = try #require(userCreated?["changes"] as? [String: Any])
            #expect(!createdChanges.keys.contains { $0.lowercased().contains("password") || $0.lowercased().contains("hash") })

            let promoted = try await app.http.json("PATCH", "/v1/users/\(userId)", ["roles": ["staff"], "name": "Sam"], token: admin,
                                                   headers: [("X-Request-Id", "req-promote")])
            #expect(promoted.status == 200)
            let updated = try await Self.entries(app, "targetId=\(userId)&action=user.updated", admin: admin)
            #expect(updated.count == 1 && updated.first?["requestId"] as? String == "req-promote")
            #expect(Self.change(updated.first, "roles")?.from as? [String] == ["customer"] && Self.change(updated.first, "roles")?.to as? [String] == ["staff"])
            #expect(Self.change(updated.first, "name") == nil, "an unchanged member is not named")

            let staff = try await app.logIn("s@example.com").access
            #expect(try await app.http.json("PATCH", "/v1/users/me", ["name": "Samantha"], token: staff).status == 200)
            let renamed = try await Self.entries(app, "targetId=\(userId)&action=user.updated", admin: admin).first
            #expect(Self.actorId(renamed) == userId && Self.change(renamed, "name")?.to as? String == "Samantha")

            let product = try await app.createProduct("LAMP", price: 1500, token: staff)
            let productId = try #require(product["id"] as? String)
            #expect(try await app.http.json("PATCH", "/v1/products/\(productId)", ["price": ["amount": 1700, "currency": "EUR"]], token: staff).status == 200)
            #expect(try await app.http.json("DELETE", "/v1/products/\(productId)", token: staff).status == 204)
            #expect(try await app.http.json("DELETE", "/v1/products/\(productId)", token: staff).status == 204)
            let productEntries = try await Self.entries(app, "targetType=product&targetId=\(productId)", admin: admin)
            #expect(productEntries.compactMap { $0["action"] as? String } == ["product.discontinued", "product.updated", "product.created"],
                    "newest first; discontinuing again records nothing")
            #expect(productEntries.allSatisfy { Self.actorId($0) == userId })
            #expect(Self.money(Self.change(productEntries[1], "price")?.from) == 1500 && Self.money(Self.change(productEntries[1], "price")?.to) == 1700)
            #expect((productEntries[1]["changes"] as? [String: Any])?.count == 1)
            #expect(Self.change(productEntries[0], "status")?.to as? String == "discontinued")
            #expect(Self.change(productEntries[2], "sku")?.to as? String == "LAMP")

            try await app.createProduct("DESK", token: staff)
            try await app.addBatch("desks-1", sku: "DESK", quantity: 5, token: staff)
            #expect(try await app.http.json("PATCH", "/v1/batches/desks-1", ["quantity": 8], token: staff).status == 200)
            let batchEntries = try await Self.entries(app, "targetType=batch&targetId=desks-1", admin: admin)
            #expect(batchEntries.compactMap { $0["action"] as? String } == ["batch.updated", "batch.created"])
            #expect(Self.change(batchEntries[0], "quantity")?.from as? Int == 5 && Self.change(batchEntries[0], "quantity")?.to as? Int == 8)
            #expect(Self.change(batchEntries[1], "quantity")?.to as? Int == 5 && Self.change(batchEntries[1], "eta")?.to is NSNull)
        }
    }

    @Test func ordersAndRefundsAreRecordedAndARefusedChangeLeavesNoEntry() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let (staff, customer) = try await app.shop(selling: "CHAIR", quantity: 10, batch: "chairs")
            let staffId = try #require(try await app.http.json("GET", "/v1/users/me", token: staff).object["id"] as? String)
            let shipped = try #require(try await app.placeOrder([("CHAIR", 1)], token: customer.token)["id"] as? String)
            let payment = try await app.settlePayment(of: shipped, .succeeded, token: customer.token)
            _ = try await app.awaitOrder(shipped, status: "paid", token: staff)
            let before = try await Self.entries(app, "actorId=\(staffId)", admin: admin).count

            // Refused changes: each leaves no entry.
            #expect(try await app.http.json("POST", "/v1/payments/\(payment.id.lowercased)/refunds",
                                            ["amount": ["amount": 5000, "currency": "EUR"], "reason": "too much"], token: staff).status == 422)
            #expect(try await app.http.json("PATCH", "/v1/orders/\(shipped)/status", ["status": "delivered"], token: staff).status == 409)
            #expect(try await app.http.json("PATCH", "/v1/batches/chairs", ["quantity": -1], token: staff).status == 422)
            #expect(try await Self.entries(app, "actorId=\(staffId)", admin: admin).count == before)

            let refund = try await app.http.json("POST", "/v1/payments/\(payment.id.lowercased)/refunds",
                                                 ["amount": ["amount": 300, "currency": "EUR"], "reason": "scratch"], token: staff,
                                                 headers: [("X-Request-Id", "req-refund")])
            let refundId = try #require(refund.object["id"] as? String)
            let refunded = try await Self.entries(app, "targetType=refund&targetId=\(refundId)", admin: admin)
            #expect(refunded.count == 1 && refunded.first?["action"] as? String == "refund.created")
            #expect(refunded.first?["requestId"] as? String == "req-refund" && Self.actorId(refunded.first) == staffId)
            #expect(Self.money(Self.change(refunded.first, "amount")?.to) == 300 && Self.change(refunded.first, "reason")?.to as? String == "scratch")
            #expect(Self.money(Self.change(refunded.first, "payment.refundedAmount")?.from) == 0)
            #expect(Self.money(Self.change(refunded.first, "payment.refundedAmount")?.to) == 300)

            try await app.giveAddress(shipped, token: staff)
            #expect(try await app.http.json("PATCH", "/v1/orders/\(shipped)/status", ["status": "shipped"], token: staff).status == 200)
            let statusChanged = try await Self.entries(app, "targetType=order&targetId=\(shipped)", admin: admin)
            #expect(statusChanged.compactMap { $0["action"] as? String } == ["order.status_changed"])
            #expect(Self.change(statusChanged.first, "status")?.from as? String == "paid" && Self.change(statusChanged.first, "status")?.to as? String == "shipped")

            let cancelled = try #require(try await app.placeOrder([("CHAIR", 1)], token: customer.token)["id"] as? String)
            #expect(try await app.http.json("POST", "/v1/orders/\(cancelled)/cancel", token: staff).status == 200)
            let cancelEntry = try await Self.entries(app, "action=order.cancelled&targetId=\(cancelled)", admin: admin).first
            #expect(Self.actorId(cancelEntry) == staffId && Self.change(cancelEntry, "status")?.to as? String == "cancelled")
            // Cancelling again changes nothing and records nothing.
            #expect(try await app.http.json("POST", "/v1/orders/\(cancelled)/cancel", token: staff).status == 200)
            #expect(try await Self.entries(app, "action=order.cancelled&targetId=\(cancelled)", admin: admin).count == 1)
        }
    }

    @Test func onlyAdminsReadItNewestFirstWithFiltersAndPaging() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let staff = try await app.staffToken()
            for index in 0..<5 { try await app.createProduct("P-\(index)", token: staff) }
            let customer = try await app.customer("c2@example.com")
            #expect(try await app.http.json("GET", "/v1/audit-events", token: staff).code == "forbidden")
            #expect(try await app.http.json("GET", "/v1/audit-events", token: customer.token).status == 403)
            #expect(try await app.http.json("GET", "/v1/audit-events").status == 401)
            for query in ["actorId=not-a-uuid", "targetType=invoice", "action=user.deleted", "targetId=" + String(repeating: "x", count: 129),
                          "limit=0", "limit=101"] {
                let refused = try await app.http.json("GET", "/v1/audit-events?\(query)", token: admin)
                #expect(refused.status == 422 && refused.code == "validation_failed", "\(query): \(refused.bodyText)")
            }
            #expect(try await app.http.json("GET", "/v1/audit-events?cursor=forged", token: admin).code == "invalid_cursor")

            var seen: [String] = []
            var times: [String] = []
            var cursor: String?
            repeat {
                let page = try await app.http.json("GET", "/v1/audit-events?action=product.created&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""),
                                                   token: admin)
                #expect(page.status == 200)
                seen += page.items.compactMap { ($0["changes"] as? [String: Any]).flatMap { ($0["sku"] as? [String: Any])?["to"] as? String } }
                times += page.items.compactMap { $0["at"] as? String }
                cursor = page.object["nextCursor"] as? String
            } while cursor != nil
            #expect(seen == ["P-4", "P-3", "P-2", "P-1", "P-0"], "newest first, each once")
            #expect(times == times.sorted(by: >))
            // A cursor of one listing is refused by another.
            let first = try await app.http.json("GET", "/v1/audit-events?action=product.created&limit=1", token: admin)
            let foreign = try #require(first.object["nextCursor"] as? String)
            #expect(try await app.http.json("GET", "/v1/audit-events?limit=1&cursor=\(foreign)", token: admin).code == "invalid_cursor")
        }
    }
}
