import EventBus
import Foundation
import Postgres

/// The SQL of the outbox and inbox tables (Migrations/0001_messaging_outbox_inbox.sql), in one place.
struct OutboxStore: Sendable {
    let pool: PostgresPool

    /// Stores the event; one that nobody subscribes to is stored already completed (kept as a record, never
    /// dispatched), which spares a write its follow-up UPDATE. `claim`: this process delivers it itself and holds it
    /// for that long (renewed while the delivery runs), so no relay takes it meanwhile. `notify`: wake the relays of
    /// every process on COMMIT (for events nobody claimed).
    func append(_ envelope: EventEnvelope, claim: Duration?, hasSubscribers: Bool = true, notify: Bool = false,
                in transaction: PostgresTransaction) {
        // Nobody waits for this row: it rides along with the use case's next statement or its COMMIT.
        transaction.enqueue(
            """
            INSERT INTO messaging.outbox (id, name, payload, occurred_at, next_attempt_at, locked_until, completed_at)
            VALUES ($1, $2, $3::jsonb, $4, now(), now() + make_interval(secs => $5::float8),
                    CASE WHEN $6::boolean THEN NULL ELSE now() END)
            """,
            [.uuid(envelope.id), .text(envelope.name), .jsonb(String(decoding: envelope.payload, as: UTF8.self)),
             .timestamp(envelope.occurredAt), claim.map { .double($0.seconds) } ?? .null, .bool(hasSubscribers)])
        if notify { transaction.enqueue("SELECT pg_notify($1, '')", [.text(Self.channel)]) }
    }

    /// The channel relays listen on: a hint that an unclaimed event was committed (never the only signal).
    static let channel = "wharf_outbox"

    /// Extends the claims this process holds on events it is still delivering. A row locked by a delivery's own
    /// transaction (the last subscriber's, which also completes the event) is skipped: the lock already keeps other
    /// relays off it (they claim with SKIP LOCKED), and waiting for it would stall every other renewal.
    func renew(_ ids: [UUID], lease: Duration) async throws {
        guard !ids.isEmpty else { return }
        try await pool.execute(
            """
            UPDATE messaging.outbox SET locked_until = now() + make_interval(secs => $2)
            WHERE id IN (SELECT id FROM messaging.outbox WHERE id = ANY ($1) AND completed_at IS NULL FOR UPDATE SKIP LOCKED)
            """,
            [.uuidArray(ids), .double(lease.seconds)])
    }

    /// Gives an event back to the relays without counting a failure: the subscribers this process has are done,
    /// others (registered by other processes) are not.
    func release(_ eventID: UUID, retryAfter delay: Duration) async throws {
        try await pool.execute(
            "UPDATE messaging.outbox SET locked_until = NULL, next_attempt_at = now() + make_interval(secs => $2) WHERE id = $1",
            [.uuid(eventID), .double(delay.seconds)])
    }

    /// Says which subscribers this process runs (refreshing `seen_at`), and returns every subscription seen within
    /// `freshness`, by event name.
    func register(_ keys: [SubscriptionKey], freshness: Duration) async throws -> [String: Set<String>] {
        if !keys.isEmpty {
            try await pool.execute(
                """
                INSERT INTO messaging.subscriptions (event_name, subscriber, seen_at)
                SELECT * FROM unnest($1::text[], $2::text[]), now()
                ON CONFLICT (event_name, subscriber) DO UPDATE SET seen_at = now()
                """,
                [.textArray(keys.map(\.event)), .textArray(keys.map(\.subscriber))])
        }
        let rows = try await pool.query(
            "SELECT event_name, subscriber FROM messaging.subscriptions WHERE seen_at > now() - make_interval(secs => $1)",
            [.double(freshness.seconds)])
        var registered: [String: Set<String>] = [:]
        for row in rows { registered[try row.decode(String.self, at: 0), default: []].insert(try row.decode(String.self, at: 1)) }
        return registered
    }

    /// Which of `subscribers` have handled the event.
    func handled(_ eventID: UUID, by subscribers: Set<String>) async throws -> Set<String> {
        let rows = try await pool.query(
            "SELECT subscriber FROM messaging.inbox WHERE event_id = $1 AND subscriber = ANY ($2::text[])",
            [.uuid(eventID), .textArray(subscribers.sorted())])
        return Set(try rows.map { try $0.decode(String.self, at: 0) })
    }

    /// Events committed and not yet delivered for the first time (retries of failing events excluded: they wait
    /// on purpose), and how long the oldest has waited.
    func backlog() async throws -> EventBacklog {
        let row = try await pool.queryFirst(
            """
            SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 FROM messaging.outbox
            WHERE completed_at IS NULL AND dead_at IS NULL AND attempts = 0
            """)
        guard let row else { return EventBacklog(events: 0, oldestAge: .zero) }
        return EventBacklog(events: try row.decode(Int.self, at: 0), oldestAge: .milliseconds(Int64(try row.decode(Double.self, at: 1) * 1000)))
    }

    /// Deletes events completed before `cutoff` with their inbox rows, `batchSize` events per statement; an event
    /// still pending or dead is never touched. Returns how many events it deleted.
    func purgeCompleted(before cutoff: Date, batchSize: Int) async throws -> Int {
        // One statement per batch: the inbox rows go with their event, and the batch's rows are locked (skipping any
        // another session holds) so the conditions still hold when they are deleted.
        try await pool.deleteInBatches(
            """
            WITH batch AS (SELECT id FROM messaging.outbox WHERE completed_at < $1 AND dead_at IS NULL
                           LIMIT $2 FOR UPDATE SKIP LOCKED),
                 handled AS (DELETE FROM messaging.inbox WHERE event_id IN (SELECT id FROM batch))
            DELETE FROM messaging.outbox WHERE id IN (SELECT id FROM batch)
            """, [.timestamp(cutoff)], batchSize: batchSize)
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

    /// Records a failed attempt of the `failures` (subscriber, what it threw); returns true when this failure made the
    /// event dead.
    func fail(_ eventID: UUID, failures: [(subscriber: String, error: String)], maxAttempts: Int,
              backoff: (Int) -> Duration) async throws -> Bool {
        // The attempt number is only known in the database; the backoff is computed for the attempt this makes.
        let attempts = try await pool.queryFirst("SELECT attempts + 1 FROM messaging.outbox WHERE id = $1", [.uuid(eventID)])?
            .decode(Int.self, at: 0) ?? maxAttempts
        let dead = attempts >= maxAttempts
        try await pool.execute(
            """
            UPDATE messaging.outbox SET attempts = attempts + 1, locked_until = NULL, last_error = left($2, 2000),
                next_attempt_at = now() + make_interval(secs => $3), dead_at = CASE WHEN $4 THEN now() END,
                failed_subscribers = $5
            WHERE id = $1
            """,
            [.uuid(eventID), .text(failures.map { "\($0.subscriber): \($0.error)" }.joined(separator: "; ")),
             .double(backoff(attempts).seconds), .bool(dead), .textArray(failures.map(\.subscriber))])
        return dead
    }

    /// A dead event and its keyset position (`dead_at` as PostgreSQL prints it, which it reads back exactly).
    struct DeadRow: Sendable {
        let event: DeadEvent
        let position: String
    }

    /// Up to `limit` dead events, most recently set aside first, after the position `after` (dead_at text, id).
    func dead(after: [String]?, limit: Int) async throws -> [DeadRow] {
        var sql = """
            SELECT id, name, COALESCE(array_to_string(failed_subscribers, ', '), ''), attempts, COALESCE(last_error, ''),
                   dead_at, dead_at::text AS position
            FROM messaging.outbox WHERE dead_at IS NOT NULL
            """
        var parameters: [PostgresValue] = [.int(limit)]
        if let after, after.count == 2, let id = UUID(uuidString: after[1]) {
            sql += " AND (dead_at, id) < ($2::timestamptz, $3::uuid)"
            parameters += [.text(after[0]), .uuid(id)]
        }
        let rows = try await pool.query(sql + " ORDER BY outbox.dead_at DESC, outbox.id DESC LIMIT $1", parameters)
        return try rows.map { row in
            DeadRow(event: DeadEvent(id: try row.decode(UUID.self, at: 0), name: try row.decode(String.self, at: 1),
                                     subscriber: try row.decode(String.self, at: 2), attempts: try row.decode(Int.self, at: 3),
                                     lastError: try row.decode(String.self, at: 4), failedAt: try row.decode(Date.self, at: 5)),
                    position: try row.decode(String.self, at: 6))
        }
    }

    /// What asking to retry an event found.
    enum Revival: Sendable, Equatable { case revived, unknown, notDead }

    /// Makes a dead event due again (unclaimed, next attempt now) and wakes every relay; its attempts are kept, so
    /// one more failure sets it aside again.
    func revive(_ eventID: UUID) async throws -> Revival {
        let row = try await pool.queryFirst(
            """
            WITH target AS (SELECT id, dead_at IS NOT NULL AS dead FROM messaging.outbox WHERE id = $1 FOR UPDATE),
                 revived AS (UPDATE messaging.outbox AS o SET dead_at = NULL, locked_until = NULL, next_attempt_at = now()
                             FROM target WHERE o.id = target.id AND target.dead RETURNING o.id)
            SELECT (SELECT dead FROM target), (SELECT count(*) FROM revived)::int
            """,
            [.uuid(eventID)])
        guard let row, let wasDead = try row.decode(Bool?.self, at: 0) else { return .unknown }
        guard wasDead else { return .notDead }
        try await pool.execute("SELECT pg_notify($1, '')", [.text(Self.channel)])
        return .revived
    }
}

extension Duration {
    /// The duration in (fractional) seconds, for `make_interval(secs => …)`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
