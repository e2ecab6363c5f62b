import Foundation
import Postgres
import TestSupport
import Testing
@testable import WharfApp

@Suite("HTTP: cancelling and fulfilling orders")
struct OrderCommandsTests {
    @Test func ownersAndStaffCancelAndCancellingAgainIs200() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "A", quantity: 10, batch: "a")
            // Cancelled while still pending: Allocation is kept busy with `A` until the cancellation is done.
            let mine = try await app.whileAllocationHolds("A") {
                let mine = try #require(try await app.placeOrder([("A", 1)], token: customer.token)["id"] as? String)
                let first = try await app.http.json("POST", "/v1/orders/\(mine)/cancel", token: customer.token)
                #expect(first.status == 200 && first.object["status"] as? String == "cancelled" && Set(first.object.keys) == OrdersTests.orderKeys)
                let again = try await app.http.json("POST", "/v1/orders/\(mine)/cancel", token: customer.token)
                #expect(again.status == 200 && again.bodyText == first.bodyText)
                return mine
            }
            // The allocation that comes after the cancellation does not revive the order.
            #expect(try await eventually { try await app.allocations(try #require(UUID(uuidString: mine)), token: staff) == [:] })
            #expect(try await app.http.json("GET", "/v1/orders/\(mine)", token: customer.token).object["status"] as? String == "cancelled")

            let byStaff = try #require(try await app.placeOrder([("A", 1)], token: customer.token)["id"] as? String)
            _ = try await app.awaitOrder(byStaff, status: "awaiting_payment", token: customer.token)
            let cancelled = try await app.http.json("POST", "/v1/orders/\(byStaff)/cancel", token: try await app.adminToken())
            #expect(cancelled.status == 200 && cancelled.object["status"] as? String == "cancelled")
            let events = try await app.container.pool.query(
                "SELECT payload->>'previousStatus' FROM messaging.outbox WHERE name = 'orders.order_cancelled.v1' ORDER BY created_at", [])
            #expect(try events.map { try $0.decode(String.self, at: 0) } == ["pending", "awaiting_payment"], "one event per real cancellation")
            #expect(try await app.http.json("POST", "/v1/orders/\(UUID().uuidString.lowercased())/cancel", token: staff).status == 404)
            #expect(try await app.http.json("POST", "/v1/orders/\(mine)/cancel").status == 401)
        }
    }

    @Test func onlyStaffFulfilAndOnlyFromTheRightStatus() async throws {
        try await TestApp.run { app in
            let (staff, customer) = try await app.shop(selling: "A", quantity: 10, batch: "a")
            try await app.whileAllocationHolds("A") {
                let id = try #require(try await app.placeOrder([("A", 1)], token: customer.token)["id"] as? String)
                let byCustomer = try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": "shipped"], token: customer.token)
                #expect(byCustomer.status == 403 && byCustomer.code == "forbidden")
                for (from, to) in [("pending", "shipped"), ("pending", "delivered")] {
                    let response = try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": to], token: staff)
                    #expect(response.status == 409 && response.code == "invalid_transition", "\(from) → \(to)")
                    #expect((response.object["detail"] as? String)?.contains("is \(from)") == true, "\(response.bodyText)")
                }
                for (body, code) in [(["status": "paid"], "validation_failed"), (["status": "cancelled"], "validation_failed"),
                                     (["status": "shipped", "note": "x"], "unknown_field"), ([:], "validation_failed")] {
                    let response = try await app.http.json("PATCH", "/v1/orders/\(id)/status", body, token: staff)
                    #expect(response.status == 422 && response.code == code, "\(body): \(response.bodyText)")
                }
                let unknown = try await app.http.json("PATCH", "/v1/orders/\(UUID().uuidString.lowercased())/status", ["status": "shipped"], token: staff)
                #expect(unknown.status == 404)
                #expect(try await app.http.json("PATCH", "/v1/orders/\(id)/status", ["status": "shipped"]).status == 401)
                #expect(try await app.http.json("GET", "/v1/orders/\(id)", token: staff).object["status"] as? String == "pending")
            }
        }
    }
}
