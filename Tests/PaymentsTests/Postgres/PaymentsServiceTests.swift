import Foundation
import Kernel
import Logging
import OrdersContracts
import PaymentsContracts
import PaymentsInfrastructure
import Postgres
import TestSupport
import Testing

@Suite("Payments on PostgreSQL")
struct PaymentsServiceTests {
    typealias Fixture = PaymentsFixture

    @Test func onePaymentPerOrderHoweverOftenItIsRequested() async throws {
        try await Fixture.run { fixture in
            let request = RequestPayment(orderId: UUID(), customerId: UUID(), amount: Fixture.amount)
            let ids = try await withThrowingTaskGroup(of: UUID.self) { group in
                for _ in 0..<6 { group.addTask { try await fixture.payments.requestPayment(request) } }
                return try await group.reduce(into: Set<UUID>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            let id = try #require(ids.first)
            #expect(try await fixture.payments.requestPayment(request) == id)
            let payment = try await fixture.payment(id)
            #expect(payment.orderId == request.orderId && payment.amount == Fixture.amount && payment.status == "pending")
            #expect(payment.provider == "sandbox" && payment.providerReference?.hasPrefix("pi_") == true)
            let rows = try await fixture.db.pool.query("SELECT count(*) FROM payments.payments", [])[0].decode(Int.self, at: 0)
            #expect(rows == 1)
        }
    }

    @Test func aRetryAfterTheProviderFailedCreatesNoSecondIntent() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url)) { fixture in
                let request = RequestPayment(orderId: UUID(), customerId: UUID(), amount: Fixture.amount)
                stub.failNext(503, 503, 503)
                await #expect(throws: PaymentProviderUnavailable.self) { try await fixture.payments.requestPayment(request) }
                let id = try await fixture.payments.requestPayment(request)
                #expect(try await fixture.payments.requestPayment(request) == id)
                let payment = try await fixture.payment(id)
                #expect(payment.provider == "stripe" && payment.providerReference == "pi_stub1")
                #expect(stub.intentCount == 1)
            }
        }
    }

    /// A refusal about the request (Stripe's amount limits: a 400) fails the payment for good and announces it; one
    /// about the moment (429) is thrown for the caller to retry. A failed payment is never sent to the provider again.
    @Test func aCreationTheProviderRefusesForGoodFailsThePaymentAndAnnouncesIt() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url)) { fixture in
                let request = RequestPayment(orderId: UUID(), customerId: UUID(), amount: Fixture.amount)
                stub.failNext(429)
                await #expect(throws: PaymentProviderRefusal.self) { try await fixture.payments.requestPayment(request) }
                stub.failNext(400)
                let id = try await fixture.payments.requestPayment(request)
                let payment = try await fixture.payment(id)
                #expect(payment.status == "failed" && payment.providerReference == nil)
                #expect(try await fixture.failureReason(id)?.hasPrefix("provider_refused: ") == true)
                #expect(try await fixture.published(PaymentFailed.name) == 1)
                let calls = stub.requests.count
                #expect(try await fixture.payments.requestPayment(request) == id)
                let failures = try await fixture.published(PaymentFailed.name)
                #expect(stub.requests.count == calls && stub.intentCount == 0 && failures == 1)
            }
        }
    }

    @Test func theSandboxRefusesAmountsAboveStripesMaximum() async throws {
        try await Fixture.run { fixture in
            let refused = try await fixture.newPayment(amount: Money(amount: 100_000_000, currency: .eur))
            let reason = try await fixture.failureReason(refused.id)
            #expect(refused.status == "failed" && reason?.contains("amount_too_large") == true)
            let accepted = try await fixture.newPayment(amount: Money(amount: 99_999_999, currency: .eur))
            #expect(accepted.status == "pending" && accepted.providerReference != nil)
        }
    }

    @Test func twoIdenticalWebhooksAtOnceHaveOneEffect() async throws {
        try await Fixture.run { fixture in
            for _ in 0..<3 {
                let payment = try await fixture.newPayment()
                let delivery = try fixture.delivery(.succeeded, for: payment)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 {
                        group.addTask { try await fixture.payments.receiveWebhook(payload: delivery.body, signature: delivery.signature) }
                    }
                    try await group.waitForAll()
                }
                #expect(try await fixture.status(payment.id) == "succeeded")
            }
            #expect(try await fixture.published(PaymentSucceeded.name) == 3)
            let processed = try await fixture.db.pool.query("SELECT count(*) FROM payments.webhook_events", [])[0].decode(Int.self, at: 0)
            #expect(processed == 3)
        }
    }

    @Test func aCancelledOrderCancelsAPendingPaymentAndRefundsAPaidOne() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url)) { fixture in
                let pending = try await fixture.newPayment()
                let paid = try await fixture.newPayment()
                try await fixture.deliver(.succeeded, for: paid)
                for payment in [pending, paid] {
                    try await fixture.publish(OrderCancelled(orderId: payment.orderId, customerId: UUID(),
                                                             previousStatus: "awaiting_payment", paymentId: payment.id))
                }
                // An order that never had a payment: nothing to do, and no failure.
                try await fixture.publish(OrderCancelled(orderId: UUID(), customerId: UUID(), previousStatus: "pending", paymentId: nil))
                #expect(try await eventually { try await fixture.status(paid.id) == "refunded" })
                #expect(try await eventually { try await fixture.status(pending.id) == "cancelled" })
                #expect(try await eventually { try await fixture.outboxSettled() })
                #expect(stub.intent(try #require(pending.providerReference))?.status == "canceled")
                #expect(stub.refunds == ["wharf-refund-\(paid.id.lowercased)": try #require(paid.providerReference)])
                #expect(try await fixture.published(PaymentRefunded.name) == 1)

                // Redelivering the cancellation, or a late provider report, refunds nothing twice.
                try await fixture.publish(OrderCancelled(orderId: paid.orderId, customerId: UUID(), previousStatus: "paid", paymentId: paid.id))
                try await fixture.deliver(.refunded, for: paid)
                #expect(try await eventually { try await fixture.outboxSettled() })
                #expect(try await fixture.published(PaymentRefunded.name) == 1)
                #expect(stub.refunds.count == 1)
            }
        }
    }

    @Test func aSuccessArrivingAfterTheCancellationIsRefunded() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url)) { fixture in
                let payment = try await fixture.newPayment()
                try await fixture.publish(OrderCancelled(orderId: payment.orderId, customerId: UUID(), previousStatus: "awaiting_payment",
                                                         paymentId: payment.id))
                #expect(try await eventually { try await fixture.status(payment.id) == "cancelled" })
                try await fixture.deliver(.succeeded, for: payment)
                #expect(try await fixture.status(payment.id) == "refunded")
                #expect(stub.refunds.values.contains(try #require(payment.providerReference)))
                #expect(try await fixture.published(PaymentSucceeded.name) == 0, "a cancelled order is never told it was paid")
                #expect(try await fixture.published(PaymentRefunded.name) == 1)
            }
        }
    }

    @Test func aRefundTheProviderCannotMakeNowRecordsNothingSoTheRedeliveryRefunds() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url)) { fixture in
                let payment = try await fixture.newPayment()
                try await fixture.publish(OrderCancelled(orderId: payment.orderId, customerId: UUID(), previousStatus: "awaiting_payment",
                                                         paymentId: payment.id))
                #expect(try await eventually { try await fixture.status(payment.id) == "cancelled" })
                let delivery = try fixture.delivery(.succeeded, for: payment)
                stub.failNext(503, 503, 503)
                await #expect(throws: PaymentProviderUnavailable.self) {
                    try await fixture.payments.receiveWebhook(payload: delivery.body, signature: delivery.signature)
                }
                stub.failNext(400)
                await #expect(throws: PaymentProviderRefusal.self) {
                    try await fixture.payments.receiveWebhook(payload: delivery.body, signature: delivery.signature)
                }
                #expect(try await fixture.status(payment.id) == "cancelled")
                let processed = try await fixture.db.pool.query("SELECT count(*) FROM payments.webhook_events", [])[0].decode(Int.self, at: 0)
                #expect(processed == 0)
                try await fixture.payments.receiveWebhook(payload: delivery.body, signature: delivery.signature)
                #expect(try await fixture.status(payment.id) == "refunded")
                #expect(stub.refunds.count == 1)
                #expect(fixture.logs.lines.contains { $0.contains("could not be made") })
            }
        }
    }

    @Test func reconciliationAppliesTheProvidersAnswerToStalePendingPayments() async throws {
        try await StripeStub.run { stub, url in
            try await Fixture.run(provider: .stripe(apiKey: StripeStub.apiKey, baseURL: url), reconcileAfter: .zero) { fixture in
                let succeeded = try await fixture.newPayment()
                let failed = try await fixture.newPayment()
                let open = try await fixture.newPayment()
                stub.setStatus(try #require(succeeded.providerReference), "succeeded")
                stub.setStatus(try #require(failed.providerReference), "requires_payment_method", lastError: "Insufficient funds.")
                #expect(try await fixture.payments.reconcilePending() == 3)
                #expect(try await fixture.status(succeeded.id) == "succeeded")
                #expect(try await fixture.status(failed.id) == "failed")
                #expect(try await fixture.status(open.id) == "pending")
                #expect(try await fixture.published(PaymentSucceeded.name) == 1)
                #expect(try await fixture.published(PaymentFailed.name) == 1)
                // The webhook that was "lost" arrives after all: nothing happens twice.
                try await fixture.deliver(.succeeded, for: succeeded)
                #expect(try await fixture.published(PaymentSucceeded.name) == 1)
                // Only the one still pending is asked about again; an unreachable provider fails no pass.
                #expect(try await fixture.payments.reconcilePending() == 1)
                stub.failNext(503, 503, 503)
                #expect(try await fixture.payments.reconcilePending() == 1)
                #expect(try await fixture.status(open.id) == "pending")
            }
        }
    }

    @Test func paymentsAreReadByTheirOwnerAndStaffOnly() async throws {
        try await Fixture.run { fixture in
            let owner = UUID()
            let payment = try await fixture.newPayment(customerId: owner)
            #expect(try await fixture.payments.payment(id: payment.id, caller: Caller(userId: owner, roles: [.customer])) == payment)
            await #expect(throws: DomainError.notFound("payment")) {
                try await fixture.payments.payment(id: payment.id, caller: Caller(userId: UUID(), roles: [.customer]))
            }
            await #expect(throws: DomainError.notFound("payment")) { try await fixture.payments.payment(id: UUID(), caller: Caller(userId: UUID(), roles: [.staff])) }
        }
    }
}
