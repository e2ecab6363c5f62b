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
        case .refunded:
            try await tx.payments.update(payment)
            try await tx.events.publish(PaymentRefunded(paymentId: payment.id, orderId: payment.orderId, amount: payment.amount))
            logger.log(.info, "payment refunded", fields: fields)
        case .refundRequired:
            guard let reference = payment.providerReference else {
                logger.log(.error, "a refund is due but the payment has no intent", fields: fields)
                return
            }
            do {
                try await provider.refund(reference: reference, amount: payment.amount,
                                          idempotencyKey: Self.refundKey(paymentId: payment.id))
            } catch {
                fields.append(("error", "\(error)"))
                logger.log(.error, "a refund that is due could not be made; it is tried again on redelivery", fields: fields)
                throw error
            }
            payment.refund(at: clock.now().roundedToMicroseconds)
            try await tx.payments.update(payment)
            try await tx.events.publish(PaymentRefunded(paymentId: payment.id, orderId: payment.orderId, amount: payment.amount))
            logger.log(.info, "payment refunded by Wharf", fields: fields)
        case .amountMismatch(let reported):
            fields.append(("expected", payment.amount.description))
            fields.append(("reported", reported.description))
            logger.log(.warning, "the provider reported a success for another amount; payment not marked succeeded", fields: fields)
        }
    }
}
