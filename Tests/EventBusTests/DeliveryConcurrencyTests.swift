import Foundation
import Outbox
import Postgres
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct DeliveryConcurrencyTests {
    typealias Fixture = EventBusFixture

    /// A handler that needs a second connection while its transaction holds one (as Orders' handler does when it
    /// asks Payments for a payment) must not starve the pool: with every connection held by such a handler, each
    /// would wait for another until the acquire timeout. The bus keeps deliveries below the pool size.
    @Test func handlersNeedingASecondConnectionNeverStarveThePool() async throws {
        // A deadlock lasts until the acquire timeout, whatever its length; 20 s stays clear of a slow, loaded run
        // (40 publishers queue for 4 connections) and still fails the test when the pool starves.
        try await TestDatabase.withFresh(poolSize: 4, acquireTimeout: .seconds(20)) { db in
            try await Fixture.migrate(db)
            let bus = Fixture.bus(db)
            let pool = db.pool
            try bus.subscribe(ParcelShipped.self, as: "tests.nested") { event, tx in
                // The nested call: another connection from the same pool, while `tx` holds one.
                let doubled = try await pool.queryFirst("SELECT $1::text || $1::text", [.text(event.parcel)])?.decode(String.self, at: 0)
                try await tx.execute("INSERT INTO effects (event_id, subscriber, parcel) SELECT gen_random_uuid(), 'nested', $1",
                                     [.text(doubled ?? "")])
            }
            // Many commits at once dispatch many deliveries at once.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await pool.transaction { tx in try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "p\(index)")) }
                    }
                }
                try await group.waitForAll()
            }
            let delivered = try await eventually(timeout: .seconds(30)) { try await Fixture.effects(db).count == 40 }
            #expect(delivered)
            #expect(bus.statistics.failed == 0)
            #expect(db.pool.stats.timeouts == 0)
        }
    }
}
