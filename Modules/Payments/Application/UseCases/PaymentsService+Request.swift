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
    /// parameters, which returns the same intent: never two.
    public func requestPayment(_ request: RequestPayment) async throws -> UUID {
        let now = clock.now().roundedToMicroseconds
        let fresh = Payment(id: ids.next(), orderId: request.orderId, customerId: request.customerId, amount: request.amount,
                            provider: provider.name, createdAt: now, updatedAt: now)
        var payment = try await store.payments.insertOrExisting(fresh)
        if payment.amount != request.amount {
            logger.warning("payment requested again with another amount; keeping the first",
                           ["order_id": request.orderId.lowercased, "payment_id": payment.id.lowercased])
        }
        guard payment.providerReference == nil else { return payment.id }
        let reference = try await provider.createIntent(IntentRequest(
            paymentId: payment.id, orderId: payment.orderId, amount: payment.amount,
            idempotencyKey: Self.intentKey(orderId: payment.orderId)))
        payment.attach(providerReference: reference, at: clock.now().roundedToMicroseconds)
        try await store.payments.update(payment)
        logger.info("payment created", ["payment_id": payment.id.lowercased, "order_id": payment.orderId.lowercased,
                                        "provider": payment.provider, "reference": reference])
        return payment.id
    }

    /// The provider idempotency key of an order's intent.
    static func intentKey(orderId: UUID) -> String { "wharf-order-\(orderId.lowercased)" }

    /// The provider idempotency key of a payment's refund (one refund per payment).
    static func refundKey(paymentId: UUID) -> String { "wharf-refund-\(paymentId.lowercased)" }
}
