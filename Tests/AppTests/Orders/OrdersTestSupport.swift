import Foundation
import Kernel
import Outbox
import PaymentsContracts
import PaymentsInfrastructure
import Postgres
import TestSupport
@testable import WharfApp

extension TestApp {
    /// A customer's access token (registered and logged in) and id.
    func customer(_ email: String) async throws -> (token: String, id: String) {
        let id = try await register(email)
        return (try await logIn(email).access, id)
    }

    /// A shop selling `sku`, with `quantity` of it in the warehouse batch `batch`: staff's token and a customer.
    func shop(selling sku: String, quantity: Int, batch: String) async throws -> (staff: String, customer: (token: String, id: String)) {
        let staff = try await staffToken()
        try await createProduct(sku, token: staff)
        try await addBatch(batch, sku: sku, quantity: quantity, token: staff)
        return (staff, try await customer("c@example.com"))
    }

    /// Places an order through the API and returns its JSON.
    @discardableResult
    func placeOrder(_ lines: [(String, Int)], token: String) async throws -> [String: Any] {
        let response = try await http.json("POST", "/v1/orders", Self.orderBody(lines), token: token)
        guard response.status == 201 else { throw TestAppError.unexpected("place: \(response.status) \(response.bodyText)") }
        return response.object
    }

    /// A valid shipping address as the API takes it.
    static var address: [String: Any] { ["name": "Ada Lovelace", "line1": "1 Harbour Street", "city": "Hamburg",
                                         "postalCode": "20457", "country": "DE"] }

    /// Gives the order `address` (`PUT …/shipping-address`, as staff may): shipping needs one.
    func giveAddress(_ id: String, token: String) async throws {
        let response = try await http.json("PUT", "/v1/orders/\(id)/shipping-address", Self.address, token: token)
        guard response.status == 200 else { throw TestAppError.unexpected("address: \(response.status) \(response.bodyText)") }
    }

    static func orderBody(_ lines: [(String, Int)]) -> [String: Any] {
        ["lines": lines.map { ["sku": $0.0, "quantity": $0.1] as [String: Any] }]
    }

    /// Polls the order until it has `status` (events are handled asynchronously); returns its last JSON.
    func awaitOrder(_ id: String, status: String, token: String) async throws -> [String: Any] {
        var last: [String: Any] = [:]
        let reached = try await eventually {
            last = try await http.json("GET", "/v1/orders/\(id)", token: token).object
            return last["status"] as? String == status
        }
        guard reached else { throw TestAppError.unexpected("order \(id) is \(last["status"] ?? "?"), not \(status)") }
        return last
    }

    /// Waits until `order` awaits payment, then has the provider report `outcome` for its payment through a signed
    /// webhook (`200`); returns the payment as it was before the webhook.
    @discardableResult
    func settlePayment(of order: String, _ outcome: SimulatedPaymentEvent.Outcome, token: String) async throws -> PaymentDTO {
        let awaiting = try await awaitOrder(order, status: "awaiting_payment", token: token)
        let paymentId = try require((awaiting["paymentId"] as? String).flatMap(UUID.init(uuidString:)), "payment id")
        let payment = try await payment(paymentId)
        let response = try await postWebhook(try webhookBody(outcome, for: payment))
        guard response.status == 200 else { throw TestAppError.unexpected("webhook: \(response.status) \(response.bodyText)") }
        return payment
    }
}
