import Foundation
import Kernel
import OrdersContracts
import PaymentsContracts
import PaymentsInfrastructure
import Postgres
import TestSupport
import Testing

@Suite("Payments on PostgreSQL: refunds by staff and at the provider")
struct RefundsOnPostgresTests {
    typealias Fixture = PaymentsFixture
    static let staff = Caller(userId: UUID(), roles: [.staff])
    static func eur(_ amount: Int64) -> Money { Money(amount: amount, currency: .eur) }

    /// A payment of 19.99 EUR the provider reported succeeded.
    static func succeededPayment(_ fixture: Fixture) async throws -> PaymentDTO {
        let payment = try await fixture.newPayment()
        try await fixture.deliver(.succeeded, for: payment)
        return try await fixture.payment(payment.id)
    }

    static func refundedAmount(_ fixture: Fixture, _ id: UUID) async throws -> Int64 {
        try await fixture.payment(id).refundedAmount.amount
    }

    @Test func concurrentRefundsOfOnePaymentNeverGiveBackMoreThanWasCaptured() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url)) { fixture in
                let payment = try await Self.succeededPayment(fixture)
                let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<8 {
                        group.addTask {
                            do {
                                _ = try await fixture.payments.refundPayment(
                                    id: payment.id, RefundPayment(amount: Self.eur(500), reason: "goodwill \(index)"),
                                    caller: Self.staff, idempotency: nil)
                                return "refunded"
                            } catch let error as DomainError {
                                return error.code
                            }
                        }
                    }
                    return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
                }
                #expect(outcomes == ["refunded": 3, "refund_exceeds_payment": 5])
                #expect(try await Self.refundedAmount(fixture, payment.id) == 1500)
                #expect(stub.refundAmounts.values.reduce(0, +) == 1500 && stub.refundAmounts.count == 3)
                #expect(try await fixture.payments.refunds(paymentId: payment.id, caller: Self.staff).map(\.amount) == Array(repeating: Self.eur(500), count: 3))
                #expect(try await fixture.status(payment.id) == "succeeded")

                // Cancelling the order refunds only what is left, once, however often the cancellation is delivered.
                for _ in 0..<2 {
                    try await fixture.publish(OrderCancelled(orderId: payment.orderId, customerId: UUID(), previousStatus: "paid",
                                                             paymentId: payment.id))
                }
                #expect(try await eventually { try await fixture.status(payment.id) == "refunded" })
                #expect(try await eventually { try await fixture.outboxSettled() })
                #expect(stub.refundAmounts["wharf-refund-\(payment.id.lowercased)"] == 499)
                #expect(stub.refundAmounts.values.reduce(0, +) == 1999)
                #expect(try await Self.refundedAmount(fixture, payment.id) == 1999)
                let refunds = try await fixture.payments.refunds(paymentId: payment.id, caller: Self.staff)
                #expect(refunds.map(\.amount.amount) == [500, 500, 500, 499] && refunds.last?.reason == "order cancelled")
                #expect(try await fixture.published(PaymentRefunded.name) == 4)
            }
        }
    }

    @Test func aPartRefundThenTheRestEachWithItsOwnProviderKey() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url)) { fixture in
                let payment = try await Self.succeededPayment(fixture)
                let part = try await fixture.payments.refundPayment(id: payment.id, RefundPayment(amount: Self.eur(999), reason: "one chair broken"),
                                                                    caller: Self.staff, idempotency: nil)
                #expect(try await fixture.status(payment.id) == "succeeded")
                let rest = try await fixture.payments.refundPayment(id: payment.id, RefundPayment(reason: "the rest"),
                                                                    caller: Self.staff, idempotency: nil)
                #expect(try await fixture.status(payment.id) == "refunded")
                #expect(stub.refundAmounts == ["wharf-refund-\(part.resourceId.lowercased)": 999, "wharf-refund-\(rest.resourceId.lowercased)": 1000])
                let error = await #expect(throws: DomainError.self) {
                    try await fixture.payments.refundPayment(id: payment.id, RefundPayment(reason: "again"), caller: Self.staff, idempotency: nil)
                }
                #expect(error?.code == "invalid_transition")
                let events = try await fixture.db.pool.query(
                    "SELECT payload->>'fullyRefunded' FROM messaging.outbox WHERE name = $1 ORDER BY created_at", [.text(PaymentRefunded.name)])
                let payloads = try events.map { try $0.decode(String.self, at: 0) }
                #expect(payloads == ["false", "true"])
            }
        }
    }

    @Test func aRefundTheProviderRefusesOrCannotMakeRecordsNothing() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url)) { fixture in
                let payment = try await Self.succeededPayment(fixture)
                stub.failNext(503, 503, 503)
                await #expect(throws: PaymentProviderUnavailable.self) {
                    try await fixture.payments.refundPayment(id: payment.id, RefundPayment(reason: "x"), caller: Self.staff, idempotency: nil)
                }
                stub.failNext(400)
                await #expect(throws: PaymentProviderRefusal.self) {
                    try await fixture.payments.refundPayment(id: payment.id, RefundPayment(reason: "x"), caller: Self.staff, idempotency: nil)
                }
                #expect(try await Self.refundedAmount(fixture, payment.id) == 0)
                #expect(try await fixture.payments.refunds(paymentId: payment.id, caller: Self.staff).isEmpty)
                #expect(try await fixture.published(PaymentRefunded.name) == 0)
            }
        }
    }

    @Test func aPendingRefundIsConfirmedAndRefundsAtTheProviderAreRecordedByChargeRefunded() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url)) { fixture in
                let payment = try await Self.succeededPayment(fixture)
                stub.answerRefunds("pending")
                _ = try await fixture.payments.refundPayment(id: payment.id, RefundPayment(amount: Self.eur(400), reason: "late delivery"),
                                                             caller: Self.staff, idempotency: nil)
                #expect(try await fixture.payments.refunds(paymentId: payment.id, caller: Self.staff).map(\.status) == ["pending"])
                // The provider reports 400 (Wharf's own) plus 600 refunded in its dashboard.
                try await deliverRefunded(fixture, payment, total: 1000)
                let refunds = try await fixture.payments.refunds(paymentId: payment.id, caller: Self.staff)
                #expect(refunds.map(\.status) == ["succeeded", "succeeded"])
                #expect(refunds.map(\.amount.amount) == [400, 600] && refunds.last?.reason == "refunded at the provider")
                #expect(try await Self.refundedAmount(fixture, payment.id) == 1000)
                #expect(try await fixture.status(payment.id) == "succeeded")
                // The same total again (another event id) adds nothing; the whole amount makes it refunded.
                try await deliverRefunded(fixture, payment, total: 1000)
                #expect(try await fixture.payments.refunds(paymentId: payment.id, caller: Self.staff).count == 2)
                try await deliverRefunded(fixture, payment, total: 1999)
                #expect(try await fixture.status(payment.id) == "refunded")
                #expect(try await Self.refundedAmount(fixture, payment.id) == 1999)
                #expect(try await fixture.published(PaymentRefunded.name) == 3)
            }
        }
    }

    func deliverRefunded(_ fixture: Fixture, _ payment: PaymentDTO, total: Int64) async throws {
        let now = Int64(Date().timeIntervalSince1970)
        let body = try SimulatedPaymentEvent(eventId: "evt_\(UUID().uuidString)", outcome: .refunded, paymentId: payment.id,
                                             orderId: payment.orderId, providerReference: payment.providerReference ?? "",
                                             amount: payment.amount, created: now, amountRefunded: total).body()
        try await fixture.payments.receiveWebhook(payload: body, signature: WebhookSignature(secret: Fixture.secret).header(payload: body, timestamp: now))
    }
}
