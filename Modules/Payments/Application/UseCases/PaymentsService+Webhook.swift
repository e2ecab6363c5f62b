import EventBus
import Foundation
import Kernel
import Logging
import PaymentsContracts
import PaymentsDomain

extension PaymentsService {
    /// A verified delivery is recorded by event id and applied in one transaction. The dedupe row goes in first:
    /// a concurrent delivery of the same event waits on it and, once this one commits, finds it and does nothing.
    public func receiveWebhook(payload: [UInt8], signature: String?) async throws {
        let event = try webhooks.read(payload: payload, signature: signature, at: clock.now())
        let now = clock.now().roundedToMicroseconds
        try await store.transaction { tx in
            var fields = [("event_id", event.id), ("type", event.type)]
            guard try await tx.webhookEvents.record(eventId: event.id, type: event.type, at: now) else {
                logger.log(.info, "webhook event already processed", fields: fields)
                return
            }
            guard let report = event.report, let reference = event.providerReference else {
                logger.log(.info, "webhook event of a type Wharf does not act on; acknowledged", fields: fields)
                return
            }
            fields.append(("reference", reference))
            guard var payment = try await tx.payments.paymentForUpdate(reference: reference) else {
                logger.log(.warning, "webhook event for an unknown payment; acknowledged", fields: fields)
                return
            }
            if let claimed = event.paymentId, claimed != payment.id {
                fields.append(("payment_id", payment.id.lowercased))
                fields.append(("metadata_payment_id", claimed.lowercased))
                logger.log(.warning, "webhook event names another payment than its intent's; ignored", fields: fields)
                return
            }
            if report.isRefund {
                // `charge.refunded` counts every refund made so far, so Wharf's own refunds still pending are done.
                _ = try await tx.refunds.confirmPending(paymentId: payment.id, at: now)
            }
            let step = payment.record(report, at: now)
            try await carryOut(step, on: &payment, in: tx, source: "webhook \(event.id)")
        }
    }
}
