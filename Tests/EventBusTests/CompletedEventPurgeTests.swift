import Foundation
@testable import Outbox
import Postgres
import TestSupport
import Testing

@Suite("Durable event bus: purging completed events")
struct CompletedEventPurgeTests {
    /// Stores an event directly: `completedDaysAgo` nil leaves it pending; `dead` marks it dead (completed or not).
    static func event(_ db: TestDatabase, completedDaysAgo: Double?, dead: Bool = false, handledBy subscribers: [String] = []) async throws -> UUID {
        let id = UUID()
        try await db.pool.execute(
            """
            INSERT INTO messaging.outbox (id, name, payload, occurred_at, created_at, next_attempt_at, completed_at, dead_at)
            VALUES ($1, 'tests.parcel_shipped.v1', '{"parcel":"p"}', now() - interval '400 days', now() - interval '400 days', now(),
                    now() - make_interval(secs => $2::float8 * 86400), CASE WHEN $3::boolean THEN now() - interval '100 days' END)
            """, [.uuid(id), completedDaysAgo.map { .double($0) } ?? .null, .bool(dead)])
        for subscriber in subscribers {
            try await db.pool.execute("INSERT INTO messaging.inbox (event_id, subscriber, handled_at) VALUES ($1, $2, now() - interval '30 days')",
                                      [.uuid(id), .text(subscriber)])
        }
        return id
    }

    @Test func completedEventsPastTheRetentionGoWithTheirInboxRowsAndNothingElseDoes() async throws {
        try await TestDatabase.withFresh { db in
            try await EventBusFixture.migrate(db)
            let bus = EventBusFixture.bus(db)
            var old: [UUID] = []
            for days in [8.0, 9, 30, 365, 7.01] { old.append(try await Self.event(db, completedDaysAgo: days, handledBy: ["a", "b"])) }
            let kept = [
                try await Self.event(db, completedDaysAgo: 6.99, handledBy: ["a", "b"]),
                try await Self.event(db, completedDaysAgo: 0, handledBy: ["a"]),
                try await Self.event(db, completedDaysAgo: nil, handledBy: ["a"]),          // pending
                try await Self.event(db, completedDaysAgo: nil, dead: true, handledBy: ["a"]), // dead
                try await Self.event(db, completedDaysAgo: 30, dead: true, handledBy: ["a"]),  // dead, however old
            ]
            // Five events past seven days, two per statement: three statements, the last one short.
            #expect(try await bus.purgeCompletedEvents(olderThan: .seconds(7 * 86_400), batchSize: 2) == 5)
            let events = try await db.pool.query("SELECT id FROM messaging.outbox", []).map { try $0.decode(UUID.self, at: 0) }
            #expect(Set(events) == Set(kept))
            let inbox = try await db.pool.query("SELECT DISTINCT event_id FROM messaging.inbox", []).map { try $0.decode(UUID.self, at: 0) }
            #expect(Set(inbox) == Set(kept))
            #expect(try await db.pool.queryFirst("SELECT count(*) FROM messaging.inbox")?.decode(Int.self, at: 0) == 6)
            #expect(try await bus.purgeCompletedEvents(olderThan: .seconds(7 * 86_400), batchSize: 2) == 0)
            #expect(Set(events).isDisjoint(with: old))
        }
    }
}
