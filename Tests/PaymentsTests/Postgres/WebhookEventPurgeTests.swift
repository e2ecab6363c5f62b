import Foundation
@testable import PaymentsInfrastructure
import Postgres
import TestSupport
import Testing

@Suite("Processed webhook events: the purge")
struct WebhookEventPurgeTests {
    @Test func eventsReceivedBeforeTheCutoffAreDeletedInBatches() async throws {
        try await TestDatabase.withFresh { db in
            _ = try await db.migrate()
            let events = PostgresProcessedWebhookEvents(db: db.pool)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let cutoff = now.addingTimeInterval(-30 * 86_400)
            for days in [31.0, 40, 90, 365, 30.001] {
                #expect(try await events.record(eventId: "evt_old_\(days)", type: "payment_intent.succeeded", at: now.addingTimeInterval(-days * 86_400)))
            }
            for days in [0.0, 1, 29.999] {
                #expect(try await events.record(eventId: "evt_new_\(days)", type: "payment_intent.succeeded", at: now.addingTimeInterval(-days * 86_400)))
            }
            #expect(try await events.purge(receivedBefore: cutoff, batchSize: 2) == 5)
            let left = try await db.pool.query("SELECT event_id FROM payments.webhook_events", []).map { try $0.decode(String.self, at: 0) }
            #expect(Set(left) == ["evt_new_0.0", "evt_new_1.0", "evt_new_29.999"])
            #expect(try await events.purge(receivedBefore: cutoff, batchSize: 2) == 0)
        }
    }
}
