import EventBus
public import Foundation
import Kernel
import Logging
public import PaymentsContracts
import PaymentsDomain

extension PaymentsService {
    /// One payment per order: the row is committed first (so its id is fixed), then the provider creates the
    /// intent under a key derived from the order id, then the reference is stored. A retry after a failure or a
    /// crash anywhere in between finds the row and repeats the provider call with the same key and the same
    /// parameters, which returns the same intent: never two. A creation the provider refuses for good (the amount
    /// is out of its range: `PaymentProviderRefusal.isFinal`) fails the payment and publishes
    /// `payments.payment_failed.v1` with the reason `provider_refused: …`, so the order moves to `payment_failed` and
    /// its stock is released instead of the request being retried in vain; an unavailable provider still throws (the
    /// caller retries). A payment that is no longer `pending` is never sent to the provider again.
    public func requestPayment(_ request: RequestPayment) async throws -> UUID {
        let now = clock.now().roundedToMicroseconds
        let fresh = Payment(id: ids.next(), orderId: request.orderId, customerId: request.customerId, amount: request.amount,
                            provider: provider.name, createdAt: now, updatedAt: now)
        var payment = try await store.payments.insertOrExisting(fresh)
        if payment.amount != request.amount {
            logger.warning("payment requested again with another amount; keeping the first",
                           ["order_id": request.orderId.lowercased, "payment_id": payment.id.lowercased])
        }
        guard payment.providerReference == nil, payment.status == .pending else { return payment.id }
        let reference: String
        do {
            reference = try await provider.createIntent(IntentRequest(
                paymentId: payment.id, orderId: payment.orderId, amount: payment.amount,
                idempotencyKey: Self.intentKey(orderId: payment.orderId)))
        } catch let refusal as PaymentProviderRefusal where refusal.isFinal {
            try await recordRefusal(refusal, orderId: payment.orderId)
            return payment.id
        }
        payment.attach(providerReference: reference, at: clock.now().roundedToMicroseconds)
        try await store.payments.update(payment)
        logger.info("payment created", ["payment_id": payment.id.lowercased, "order_id": payment.orderId.lowercased,
                                        "provider": payment.provider, "reference": reference])
        return payment.id
    }

    /// The provider refused to create the order's intent for good: the payment fails (under its row lock, through the
    /// domain and `carryOut` like any reported failure), which publishes `payments.payment_failed.v1`.
    private func recordRefusal(_ refusal: PaymentProviderRefusal, orderId: UUID) async throws {
        logger.warning("the provider refused to create the payment; it is failed",
                       ["order_id": orderId.lowercased, "status": String(refusal.status), "detail": refusal.detail])
        try await store.transaction { tx in
            guard var payment = try await tx.payments.paymentForUpdate(orderId: orderId) else { return }
            let step = payment.record(.failed(reason: "provider_refused: \(refusal.detail)"), at: self.clock.now().roundedToMicroseconds)
            try await self.carryOut(step, on: &payment, in: tx, source: "creation")
        }
    }

    /// The provider idempotency key of an order's intent.
    static func intentKey(orderId: UUID) -> String { "wharf-order-\(orderId.lowercased)" }

    /// The provider idempotency key of a payment's refund (one refund per payment).
    static func refundKey(paymentId: UUID) -> String { "wharf-refund-\(paymentId.lowercased)" }
}
