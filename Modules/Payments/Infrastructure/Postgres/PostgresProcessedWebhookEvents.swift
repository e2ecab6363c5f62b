import Foundation
import PaymentsApplication
import Postgres

/// `payments.webhook_events`: the unique key on the event id makes a concurrent duplicate wait for the first
/// transaction and then insert nothing.
struct PostgresProcessedWebhookEvents: ProcessedWebhookEvents {
    let db: any PostgresQueryable

    func record(eventId: String, type: String, at now: Date) async throws -> Bool {
        try await db.execute(
            "INSERT INTO payments.webhook_events (event_id, type, received_at) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING",
            [.text(eventId), .text(type), .timestamp(now)]) == 1
    }

    func purge(receivedBefore cutoff: Date, batchSize: Int) async throws -> Int {
        try await db.deleteInBatches(
            """
            DELETE FROM payments.webhook_events WHERE event_id = ANY (ARRAY(
                SELECT event_id FROM payments.webhook_events WHERE received_at < $1 LIMIT $2))
            """, [.timestamp(cutoff)], batchSize: batchSize)
    }
}
