public import Logging
public import PaymentsContracts

/// The reconciliation job as a service next to the event relay: a pass every `interval` until cancelled.
public struct PaymentsReconciliation: Sendable {
    let payments: any PaymentsFacade
    let interval: Duration
    let logger: Logger

    public init(payments: any PaymentsFacade, interval: Duration, logger: Logger) {
        self.payments = payments
        self.interval = interval
        self.logger = logger.named("payments.reconciliation")
    }

    /// Runs passes until the task is cancelled; a failed pass is logged and the next one comes on time.
    public func run() async {
        logger.info("payment reconciliation started", ["interval_seconds": String(interval.components.seconds)])
        while !Task.isCancelled {
            do {
                let asked = try await payments.reconcilePending()
                if asked > 0 { logger.info("reconciliation pass", ["payments_asked": String(asked)]) }
            } catch {
                logger.error("reconciliation pass failed", ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
        logger.info("payment reconciliation stopped")
    }
}
