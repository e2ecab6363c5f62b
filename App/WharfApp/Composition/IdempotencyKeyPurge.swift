import Logging
import OrdersContracts

/// The background job that deletes `POST /v1/orders` idempotency keys older than 24 h, every `interval`, next to
/// the HTTP server and the event relay (`wharf serve`). Replays already ignore expired keys; this keeps the table
/// from growing without bound.
struct IdempotencyKeyPurge: Sendable {
    let orders: any OrdersFacade
    let logger: Logger
    var interval: Duration = .seconds(600)

    func run() async {
        while !Task.isCancelled {
            do {
                let purged = try await orders.purgeExpiredIdempotencyKeys()
                if purged > 0 { logger.info("expired idempotency keys purged", ["count": String(purged)]) }
            } catch {
                logger.error("idempotency key purge failed", ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
