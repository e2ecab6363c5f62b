import Foundation
import PaymentsContracts
import TestSupport
import Testing

@Suite("GET /v1/payments/{id}")
struct PaymentReadTests {
    @Test func theOrdersOwnerStaffAndAdminsSeeThePaymentOthersDoNot() async throws {
        try await TestApp.run { app in
            let ownerId = try await app.register("owner@example.com")
            try await app.register("other@example.com")
            let owner = try await app.logIn("owner@example.com").access
            let other = try await app.logIn("other@example.com").access
            let staff = try await app.staffToken()
            let admin = try await app.adminToken()
            let payment = try await app.requestPayment(customerId: try #require(UUID(uuidString: ownerId)))
            let path = "/v1/payments/\(payment.id.uuidString.lowercased())"

            for token in [owner, staff, admin] {
                let response = try await app.http.json("GET", path, token: token)
                #expect(response.status == 200)
                #expect(response.object["id"] as? String == payment.id.uuidString.lowercased())
                #expect(response.object["orderId"] as? String == payment.orderId.uuidString.lowercased())
                #expect(response.object["status"] as? String == "pending")
                #expect(response.object["provider"] as? String == "sandbox")
                #expect((response.object["providerReference"] as? String)?.hasPrefix("pi_") == true)
                let amount = response.object["amount"] as? [String: Any]
                #expect(amount?["amount"] as? Int == 4200 && amount?["currency"] as? String == "EUR")
                // The contract's Payment, with `refundedAmount` since refunds by staff (Part 2).
                #expect(Set(response.object.keys) == ["id", "orderId", "amount", "status", "provider", "providerReference", "refundedAmount",
                                                      "createdAt", "updatedAt"])
                #expect((response.object["refundedAmount"] as? [String: Any])?["amount"] as? Int == 0)
            }
            let hidden = try await app.http.json("GET", path, token: other)
            #expect(hidden.status == 404 && hidden.code == "not_found")
            let unknown = try await app.http.json("GET", "/v1/payments/\(UUID().uuidString.lowercased())", token: admin)
            #expect(unknown.status == 404 && unknown.code == "not_found")
            #expect(try await app.http.json("GET", path).status == 401)
            #expect(try await app.http.json("GET", "/v1/payments/not-a-uuid", token: admin).status == 400)
        }
    }
}
