import Foundation
import Kernel
import Outbox
import PaymentsContracts
import PaymentsInfrastructure
import Postgres
import TestSupport
@testable import WharfApp

extension TestApp {
    static let paymentAmount = Money(amount: 4200, currency: .eur)

    /// What Orders does when an order's lines are allocated: asks Payments for the order's payment.
    func requestPayment(customerId: UUID, amount: Money = paymentAmount) async throws -> PaymentDTO {
        let id = try await container.payments.requestPayment(RequestPayment(orderId: UUID(), customerId: customerId, amount: amount))
        return try await payment(id)
    }

    func payment(_ id: UUID) async throws -> PaymentDTO { try await container.payments.payment(id: id, caller: Caller(userId: UUID(), roles: [.staff])) }

    /// A webhook body in the provider's format for `payment`.
    func webhookBody(_ outcome: SimulatedPaymentEvent.Outcome, for payment: PaymentDTO, eventId: String = "evt_\(UUID().uuidString)",
                     amount: Money? = nil) throws -> [UInt8] {
        try SimulatedPaymentEvent(eventId: eventId, outcome: outcome, paymentId: payment.id, orderId: payment.orderId,
                                  providerReference: payment.providerReference ?? "", amount: amount ?? payment.amount,
                                  created: Int64(Date().timeIntervalSince1970)).body()
    }

    /// `POST /v1/payments/webhook` with `body`, signed with `secret` at `timestamp` unless `signature` is given.
    func postWebhook(_ body: [UInt8], secret: String = webhookSecret, timestamp: Int64 = Int64(Date().timeIntervalSince1970),
                     signature: String? = nil, contentType: String = "application/json") async throws -> TestClient.Response {
        let header = signature ?? WebhookSignature(secret: secret).header(payload: body, timestamp: timestamp)
        return try await http.send("POST", "/v1/payments/webhook",
                                   headers: [("Content-Type", contentType), ("Stripe-Signature", header)], body: body)
    }

    /// How many events named `name` were published.
    func published(_ name: String) async throws -> Int {
        try await container.pool.query("SELECT count(*) FROM messaging.outbox WHERE name = $1", [.text(name)])[0].decode(Int.self, at: 0)
    }

    /// How many webhook events were recorded as processed.
    func processedWebhookEvents() async throws -> Int {
        try await container.pool.query("SELECT count(*) FROM payments.webhook_events", [])[0].decode(Int.self, at: 0)
    }

    func paymentStatus(_ id: UUID) async throws -> String { try await payment(id).status }
}
