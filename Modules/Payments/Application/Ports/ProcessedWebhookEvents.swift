public import Foundation

/// The provider event ids already handled: the webhook's dedupe, written in the transaction of the event's effect.
public protocol ProcessedWebhookEvents: Sendable {
    /// Records `eventId`; false when it was recorded before (the caller then does nothing). A concurrent
    /// transaction recording the same id makes this wait for it, so two deliveries at once have one effect.
    func record(eventId: String, type: String, at now: Date) async throws -> Bool
    /// Deletes, `batchSize` rows per statement, the events received before `cutoff`; returns how many.
    func purge(receivedBefore cutoff: Date, batchSize: Int) async throws -> Int
}
