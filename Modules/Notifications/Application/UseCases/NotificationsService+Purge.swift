import EventBus
import Foundation
import Kernel

extension NotificationsService {
    /// How long the record of a sent message is kept: far longer than any redelivery of its event can come
    /// (completed events are purged after `EVENT_RETENTION_DAYS`, dead ones are retried by hand within days).
    static let sentMessageRetention: TimeInterval = 30 * 24 * 60 * 60

    /// Deletes records of messages sent more than 30 days ago; returns how many. Run by a background job.
    public func purgeOldSentMessages(batchSize: Int = 1_000) async throws -> Int {
        try await store.sentMessages.purge(sentBefore: clock.now().addingTimeInterval(-Self.sentMessageRetention), batchSize: batchSize)
    }
}
