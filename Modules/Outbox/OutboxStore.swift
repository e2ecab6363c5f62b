import EventBus
import Foundation
import Postgres

/// The SQL of the outbox and inbox tables (Migrations/0001_messaging_outbox_inbox.sql), in one place.
struct OutboxStore: Sendable {
    let pool: PostgresPool

    /// Stores the event; one that nobody subscribes to is stored already completed (kept as a record, never
    /// dispatched), which spares a write its follow-up UPDATE.
    func append(_ envelope: EventEnvelope, grace: Duration, hasSubscribers: Bool = true,
                in transaction: PostgresTransaction) {
        // Nobody waits for this row: it rides along with the use case's next statement or its COMMIT.
        transaction.enqueue(
            """
            INSERT INTO messaging.outbox (id, name, payload, occurred_at, next_attempt_at, completed_at)
            VALUES ($1, $2, $3::jsonb, $4, now() + make_interval(secs => $5), CASE WHEN $6::boolean THEN NULL ELSE now() END)
            """,
            [.uuid(envelope.id), .text(envelope.name), .jsonb(String(decoding: envelope.payload, as: UTF8.self)),
             .timestamp(envelope.occurredAt), .double(grace.seconds), .bool(hasSubscribers)])
    }

    /// Records (event, subscriber) as handled; false when it already was (a redelivery to skip).
    func markHandled(_ eventID: UUID, by subscriber: String, in transaction: PostgresTransaction) async throws -> Bool {
        let inserted = try await transaction.execute(
            "INSERT INTO messaging.inbox (event_id, subscriber) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            [.uuid(eventID), .text(subscriber)])
        return inserted == 1
    }

    /// Claims up to `limit` due events for `lease`, oldest due first; other relays skip them meanwhile.
    func claimDue(limit: Int, lease: Duration) async throws -> [EventEnvelope] {
        let rows = try await pool.query(
            """
            UPDATE messaging.outbox AS o SET locked_until = now() + make_interval(secs => $2)
            FROM (SELECT id FROM messaging.outbox
                  WHERE completed_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()
                    AND (locked_until IS NULL OR locked_until < now())
                  ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) AS due
            WHERE o.id = due.id
            RETURNING o.id, o.name, o.payload::text, o.occurred_at
            """,
            [.int(limit), .double(lease.seconds)])
        return try rows.map { row in
            EventEnvelope(id: try row.decode(UUID.self, at: 0), name: try row.decode(String.self, at: 1),
                          payload: Array(try row.decode(String.self, at: 2).utf8), occurredAt: try row.decode(Date.self, at: 3))
        }
    }

    func complete(_ eventID: UUID) async throws {
        try await pool.execute(Self.completeSQL, [.uuid(eventID)])
    }

    /// Marks the event complete in `transaction` (queued: it rides with the transaction's next statement).
    func complete(_ eventID: UUID, in transaction: PostgresTransaction) {
        transaction.enqueue(Self.completeSQL, [.uuid(eventID)])
    }

    static let completeSQL = "UPDATE messaging.outbox SET completed_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1"

    /// Records a failed attempt; returns true when this failure made the event dead.
    func fail(_ eventID: UUID, error: String, maxAttempts: Int, backoff: (Int) -> Duration) async throws -> Bool {
        let rows = try await pool.query(
            "UPDATE messaging.outbox SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts", [.uuid(eventID)])
        let attempts = try rows.first?.decode(Int.self, at: 0) ?? maxAttempts
        let dead = attempts >= maxAttempts
        try await pool.execute(
            """
            UPDATE messaging.outbox SET locked_until = NULL, last_error = left($2, 2000),
                next_attempt_at = now() + make_interval(secs => $3), dead_at = CASE WHEN $4 THEN now() END
            WHERE id = $1
            """,
            [.uuid(eventID), .text(error), .double(backoff(attempts).seconds), .bool(dead)])
        return dead
    }
}

extension Duration {
    /// The duration in (fractional) seconds, for `make_interval(secs => …)`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
