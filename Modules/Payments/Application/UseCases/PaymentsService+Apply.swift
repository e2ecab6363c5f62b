import EventBus
import Foundation
import Kernel
import Logging
import PaymentsContracts
import PaymentsDomain

extension PaymentsService {
    /// The one code path by which news from the provider (a webhook, a reconciliation answer) or a cancellation
    /// changes a payment: `step` was decided by the domain on the locked `payment`; this stores it, publishes its
    /// event, and talks to the provider where the step needs it (cancel an intent, refund). It runs inside `tx`,
    /// so the change, the event and the webhook's dedupe row commit together; provider calls carry idempotency
    /// keys, so a transaction run again repeats them harmlessly.
    func carryOut(_ step: PaymentStep, on payment: inout Payment, in tx: PaymentsTransaction, source: String) async throws {
        var fields = [("payment_id", payment.id.lowercased), ("order_id", payment.orderId.lowercased), ("source", source)]
        switch step {
        case .unchanged(let reason):
            fields.append(("reason", reason))
            logger.log(.info, "payment unchanged", fields: fields)
        case .succeeded:
            try await tx.payments.update(payment)
            try await tx.events.publish(PaymentSucceeded(paymentId: payment.id, orderId: payment.orderId, amount: payment.amount))
            logger.log(.info, "payment succeeded", fields: fields)
        case .failed(let reason):
            try await tx.payments.update(payment)
            try await tx.events.publish(PaymentFailed(paymentId: payment.id, orderId: payment.orderId, reason: reason))
            logger.log(.info, "payment failed", fields: fields)
        case .cancelled:
            if let reference = payment.providerReference {
                // Best effort: should the customer still pay, the late success is refunded.
                do { try await provider.cancelIntent(reference: reference) } catch {
                    fields.append(("error", "\(error)"))
                    logger.log(.warning, "could not cancel the payment intent; a late success will be refunded", fields: fields)
                }
            }
            try await tx.payments.update(payment)
            logger.log(.info, "payment cancelled", fields: fields)
        case .refunded(let amount):
            try await record(Refund(id: ids.next(), paymentId: payment.id, amount: amount, status: .succeeded,
                                    reason: .atProvider, createdAt: payment.updatedAt, updatedAt: payment.updatedAt),
                             of: payment, in: tx)
            logger.log(.info, "payment refunded at the provider", fields: fields + [("amount", amount.description)])
        case .refundRequired:
            guard let reference = payment.providerReference else {
                logger.log(.error, "a refund is due but the payment has no intent", fields: fields)
                return
            }
            // Only what is left goes back: refunds staff already made are not repeated (never twice). One such
            // refund per payment, so its provider key is the payment's.
            let now = clock.now().roundedToMicroseconds
            var refunded = payment
            let amount = refunded.refund(at: now)
            let status: RefundStatus
            do {
                status = try await provider.refund(reference: reference, amount: amount, idempotencyKey: Self.refundKey(paymentId: payment.id))
            } catch {
                fields.append(("error", "\(error)"))
                logger.log(.error, "a refund that is due could not be made; it is tried again on redelivery", fields: fields)
                throw error
            }
            payment = refunded
            try await record(Refund(id: ids.next(), paymentId: payment.id, amount: amount, status: status,
                                    reason: .orderCancelled, createdAt: now, updatedAt: now),
                             of: payment, in: tx)
            logger.log(.info, "payment refunded by Wharf", fields: fields + [("amount", amount.description)])
        case .amountMismatch(let reported):
            fields.append(("expected", payment.amount.description))
            fields.append(("reported", reported.description))
            logger.log(.warning, "the provider reported a success for another amount; payment not marked succeeded", fields: fields)
        }
    }

    /// Stores `payment` (its refunded amount already counts `refund`) and `refund`, and announces it to Orders
    /// (`payments.payment_refunded.v1`, which adds the order's history entry).
    func record(_ refund: Refund, of payment: Payment, in tx: PaymentsTransaction) async throws {
        try await tx.payments.update(payment)
        try await tx.refunds.insert(refund)
        try await tx.events.publish(PaymentRefunded(paymentId: payment.id, orderId: payment.orderId, amount: refund.amount,
                                                    fullyRefunded: payment.status == .refunded, refundId: refund.id))
    }
}
