import EventBus
import Foundation
import Kernel

extension PaymentsService {
    /// How long a processed provider event id is kept for deduplication: 30 days, far beyond the provider's
    /// redelivery period (Stripe retries for three days) and the signature's replay tolerance.
    static let processedWebhookEventRetention: TimeInterval = 30 * 24 * 60 * 60

    /// Deletes processed webhook events received more than 30 days ago, `batchSize` rows per statement (the
    /// background job's work); returns how many.
    public func purgeOldWebhookEvents(batchSize: Int = 1_000) async throws -> Int {
        try await store.webhookEvents.purge(receivedBefore: clock.now().addingTimeInterval(-Self.processedWebhookEventRetention),
                                            batchSize: batchSize)
    }
}
