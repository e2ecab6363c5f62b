import Foundation
import Logging
@testable import Outbox
import Postgres
import Synchronization
import TestSupport
import Testing

@Suite("Durable event bus: leases, the subscription registry, notifications")
struct LeaseAndRegistryTests {
    typealias Fixture = EventBusFixture

    /// A delivery that outlasts its lease keeps its claim while its process lives: the heartbeat renews it between
    /// one subscriber's transaction and the next, so no relay of another process could take it (the relay's own
    /// condition never holds) and each handler's effect happens once.
    @Test func aDeliveryLongerThanTheLeaseKeepsItsClaim() async throws {
        try await TestDatabase.withFresh(poolSize: 6) { db in
            try await Fixture.migrate(db)
            var configuration = DurableEventBusConfiguration()
            configuration.lease = .seconds(1)
            let slow = DurableEventBus(pool: db.pool, configuration: configuration, logger: Logger(label: "slow", minimumLevel: .error))
            let gate = Latch()
            try slow.subscribe(ParcelShipped.self, as: "tests.slow") { event, tx in
                await gate.wait()
                try await tx.execute("INSERT INTO effects VALUES (gen_random_uuid(), 'tests.slow', $1)", [.text(event.parcel)])
            }
            try Fixture.recordEffects(on: slow, as: "tests.second")
            let heartbeat = Task { await slow.run() }
            defer { heartbeat.cancel() }
            try await db.pool.transaction { tx in try await slow.publisher(in: tx).publish(ParcelShipped(parcel: "p1")) }

            // Watch the claim through several leases. (Not with another relay: one that took the event would block on
            // the inbox row the running handler holds, and so would this test.)
            var renewals: Set<String> = []
            var claimable = 0
            #expect(try await eventually(timeout: .seconds(30)) {
                let row = try await db.pool.queryFirst("""
                    SELECT locked_until::text, (locked_until IS NULL OR locked_until < now())
                    FROM messaging.outbox WHERE completed_at IS NULL
                    """)
                if let until = try row?.decode(String?.self, at: 0) { renewals.insert(until) }
                if try row?.decode(Bool.self, at: 1) == true { claimable += 1 }
                return renewals.count >= 5
            })
            await gate.open()
            #expect(claimable == 0, "the claim lapsed while the delivery still ran: another relay could have taken it")
            #expect(try await eventually { try await Fixture.outboxState(db) == (0, 1, 0) })
            #expect(try await Fixture.effects(db) == ["p1", "p1"])
        }
    }

    /// A process that lacks a subscriber another live process registered (a rolling deploy that adds one) handles
    /// the event for its own subscribers but leaves it to the other process, which completes it.
    @Test func anEventIsCompleteOnlyWhenEveryRegisteredSubscriberHandledIt() async throws {
        try await TestDatabase.withFresh(poolSize: 6) { db in
            try await Fixture.migrate(db)
            let old = Fixture.bus(db)
            try Fixture.recordEffects(on: old, as: "tests.first")
            let new = Fixture.bus(db, dispatchAfterCommit: false)
            try Fixture.recordEffects(on: new, as: "tests.first")
            try Fixture.recordEffects(on: new, as: "tests.added")
            await new.refreshSubscriptions()
            await old.refreshSubscriptions()

            try await db.pool.transaction { tx in try await old.publisher(in: tx).publish(ParcelShipped(parcel: "p1")) }
            #expect(try await eventually { try await Fixture.effects(db, subscriber: "tests.first") == ["p1"] })
            #expect(try await Fixture.outboxState(db).completed == 0, "the old process must not complete it")

            #expect(try await eventually { try await new.deliverDue() == 1 })
            #expect(try await Fixture.effects(db) == ["p1", "p1"])
            #expect(try await Fixture.outboxState(db) == (0, 1, 0))
        }
    }

    /// An event this process could not claim (its dispatch queue is full) is left to every relay and wakes them at
    /// once: a relay polling only every minute still delivers it promptly.
    @Test func anUnclaimedEventWakesTheRelaysOfEveryProcess() async throws {
        try await TestDatabase.withFresh(poolSize: 6) { db in
            try await Fixture.migrate(db)
            var full = DurableEventBusConfiguration()
            full.maxQueuedDispatches = 0
            let publisher = DurableEventBus(pool: db.pool, configuration: full, logger: Logger(label: "p", minimumLevel: .error))
            try Fixture.recordEffects(on: publisher, as: "tests.first")
            var slowPolling = DurableEventBusConfiguration()
            slowPolling.pollInterval = .seconds(60)
            let relay = DurableEventBus(pool: db.pool, configuration: slowPolling, logger: Logger(label: "r", minimumLevel: .error))
            try Fixture.recordEffects(on: relay, as: "tests.first")
            let running = Task { await relay.run() }
            defer { running.cancel() }
            // The relay's first pass found nothing; it now waits for a notification (or a minute).
            #expect(try await eventually {
                try await db.pool.queryFirst("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'",
                                             [.text(db.name)])?.decode(Int.self, at: 0) == 1
            })
            try await db.pool.transaction { tx in try await publisher.publisher(in: tx).publish(ParcelShipped(parcel: "p1")) }
            #expect(try await eventually(timeout: .seconds(20)) { try await Fixture.outboxState(db) == (0, 1, 0) })
            #expect(await eventually { relay.statistics.delivered == 1 }, "counted after its commit")
            #expect(publisher.statistics.delivered == 0)
        }
    }
}
