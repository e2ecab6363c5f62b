import EventBus
import Foundation
import Kernel
import Logging
import PaymentsDomain

extension PaymentsService {
    /// Webhooks get lost: payments still `pending` after `reconciliation.age` are looked up at the provider, and
    /// a final answer is applied exactly as a webhook's would be. A failure with one payment is logged and the
    /// pass goes on; the payment is asked about again in a later pass.
    @discardableResult
    public func reconcilePending() async throws -> Int {
        let now = clock.now()
        let stale = try await store.payments.claimStalePending(
            provider: provider.name, createdBefore: now.addingTimeInterval(-reconciliation.age.seconds), now: now,
            limit: reconciliation.batchSize)
        for payment in stale {
            guard let reference = payment.providerReference else { continue }
            do {
                let report = try await provider.report(reference: reference)
                guard report != .pending else { continue }
                let at = clock.now().roundedToMicroseconds
                try await store.transaction { tx in
                    guard var locked = try await tx.payments.paymentForUpdate(reference: reference) else { return }
                    let step = locked.record(report, at: at)
                    try await carryOut(step, on: &locked, in: tx, source: "reconciliation")
                }
            } catch {
                logger.warning("reconciliation of a payment failed; retried in a later pass",
                               ["payment_id": payment.id.lowercased, "error": "\(error)"])
            }
        }
        return stale.count
    }
}

extension Duration {
    /// Whole and fractional seconds, for date arithmetic.
    var seconds: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
