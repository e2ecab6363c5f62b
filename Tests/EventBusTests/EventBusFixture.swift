import EventBus
import Foundation
import Kernel
import Logging
@testable import Outbox
import Postgres
import Synchronization
import TestSupport

/// The event the tests publish (also published, by name, from Tests/OutboxCrashProbe).
struct ParcelShipped: IntegrationEvent, Equatable {
    static let name = "tests.parcel_shipped.v1"
    var parcel: String
}

enum EventBusFixture {
    /// Applies Migrations/ (the bus's own tables included) and adds the table the test subscribers write to.
    static func migrate(_ db: TestDatabase) async throws {
        _ = try await db.migrate()
        _ = try await db.pool.execute(script: "CREATE TABLE effects (event_id uuid NOT NULL, subscriber text NOT NULL, parcel text NOT NULL)")
    }

    /// A bus whose relay does not wait: tests drive it with `deliverDue()`.
    static func bus(_ db: TestDatabase, dispatchAfterCommit: Bool = true, maxAttempts: Int = 12, logs: Logger.Capture = .init()) -> DurableEventBus {
        var configuration = DurableEventBusConfiguration()
        configuration.dispatchAfterCommit = dispatchAfterCommit
        configuration.initialBackoff = .zero
        configuration.maxBackoff = .zero
        configuration.maxAttempts = maxAttempts
        return DurableEventBus(pool: db.pool, configuration: configuration, logger: Logger(label: "bus", minimumLevel: .debug, sink: logs.sink))
    }

    /// A subscriber that records its effect in `effects`, in the delivery's transaction.
    static func recordEffects(on bus: DurableEventBus, as subscriber: String) throws {
        try bus.subscribe(ParcelShipped.self, as: subscriber) { event, tx in
            try await tx.execute("INSERT INTO effects (event_id, subscriber, parcel) SELECT gen_random_uuid(), $1, $2",
                                 [.text(subscriber), .text(event.parcel)])
        }
    }

    static func effects(_ db: TestDatabase, subscriber: String? = nil) async throws -> [String] {
        let rows = try await db.pool.query(
            "SELECT parcel FROM effects WHERE $1::text IS NULL OR subscriber = $1 ORDER BY parcel", [subscriber.map { .text($0) } ?? .null])
        return try rows.map { try $0.decode(String.self, at: 0) }
    }

    static func outboxState(_ db: TestDatabase) async throws -> (pending: Int, completed: Int, dead: Int) {
        let row = try await db.pool.query("""
            SELECT count(*) FILTER (WHERE completed_at IS NULL AND dead_at IS NULL), count(*) FILTER (WHERE completed_at IS NOT NULL),
                   count(*) FILTER (WHERE dead_at IS NOT NULL) FROM messaging.outbox
            """, [])[0]
        return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2))
    }
}
