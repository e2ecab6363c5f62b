import EventBus
import Foundation
import Kernel
import Logging
@testable import Outbox
import Postgres
import Synchronization
import TestSupport
import Testing

@Suite("Durable event bus on PostgreSQL")
struct DurableEventBusTests {
    typealias Fixture = EventBusFixture

    @Test func anEventCommittedWithItsStateChangeIsDeliveredToEverySubscriber() async throws {
        try await TestDatabase.withFresh { db in
            try await Fixture.migrate(db)
            let bus = Fixture.bus(db)
            try Fixture.recordEffects(on: bus, as: "tests.first")
            try Fixture.recordEffects(on: bus, as: "tests.second")
            try await db.pool.transaction { tx in
                try await tx.execute("CREATE TABLE parcels (id text)")
                try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "p1"))
            }
            #expect(try await eventually { try await Fixture.effects(db).count == 2 })
            #expect(try await eventually { try await Fixture.outboxState(db).completed == 1 })
            #expect(try await Fixture.effects(db) == ["p1", "p1"])
            // The counter moves after each commit, so it can trail the completed row the line above saw.
            #expect(await eventually { bus.statistics.delivered == 2 })
        }
    }

    @Test func anEventWhoseTransactionRolledBackIsNeverDelivered() async throws {
        struct Refused: Error {}
        try await TestDatabase.withFresh { db in
            try await Fixture.migrate(db)
            let bus = Fixture.bus(db)
            try Fixture.recordEffects(on: bus, as: "tests.first")
            await #expect(throws: Refused.self) {
                try await db.pool.transaction { tx in
                    try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "p1"))
                    throw Refused()
                }
            }
            #expect(try await bus.deliverDue() == 0)
            #expect(try await Fixture.outboxState(db) == (0, 0, 0))
            #expect(try await Fixture.effects(db).isEmpty)
        }
    }

    @Test func aHandlerThatThrowsOnceIsRetriedAndItsEffectHappensOnce() async throws {
        struct Flaky: Error {}
        try await TestDatabase.withFresh { db in
            try await Fixture.migrate(db)
            let bus = Fixture.bus(db, dispatchAfterCommit: false)
            let calls = Atomic<Int>(0)
            try bus.subscribe(ParcelShipped.self, as: "tests.flaky") { event, tx in
                // The effect is written before the failure: the rollback must undo it.
                try await tx.execute("INSERT INTO effects VALUES (gen_random_uuid(), 'tests.flaky', $1)", [.text(event.parcel)])
                if calls.add(1, ordering: .relaxed).newValue == 1 { throw Flaky() }
            }
            try Fixture.recordEffects(on: bus, as: "tests.steady")
            try await db.pool.transaction { tx in try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "p1")) }
            #expect(try await bus.deliverDue() == 1) // flaky fails, steady succeeds
            #expect(try await Fixture.outboxState(db).pending == 1)
            #expect(try await bus.deliverDue() == 1) // flaky succeeds, steady is skipped by the inbox
            #expect(calls.load(ordering: .relaxed) == 2)
            #expect(try await Fixture.effects(db, subscriber: "tests.flaky") == ["p1"])
            #expect(try await Fixture.effects(db, subscriber: "tests.steady") == ["p1"])
            #expect(try await Fixture.outboxState(db) == (0, 1, 0))
            #expect(bus.statistics.failed == 1 && bus.statistics.duplicatesSkipped == 1)
        }
    }

    @Test func aHandlerThatKeepsFailingIsSetAsideWithoutBlockingOthers() async throws {
        struct Broken: Error {}
        try await TestDatabase.withFresh { db in
            try await Fixture.migrate(db)
            let logs = Logger.Capture()
            let bus = Fixture.bus(db, dispatchAfterCommit: false, maxAttempts: 2, logs: logs)
            try bus.subscribe(ParcelShipped.self, as: "tests.broken") { event, _ in
                if event.parcel == "bad" { throw Broken() }
            }
            try Fixture.recordEffects(on: bus, as: "tests.steady")
            try await db.pool.transaction { tx in
                try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "bad"))
                try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "good"))
            }
            try await bus.deliverDue()
            try await bus.deliverDue()
            #expect(try await bus.deliverDue() == 0)
            #expect(try await Fixture.outboxState(db) == (0, 1, 1))
            #expect(try await Fixture.effects(db) == ["bad", "good"])
            #expect(bus.statistics.deadLettered == 1)
            #expect(logs.lines.contains { $0.contains("set aside") && $0.contains("\"level\":\"error\"") })
        }
    }

    @Test func aRedeliveredEventIsSkippedByTheInboxEvenWhenDeliveredConcurrently() async throws {
        try await TestDatabase.withFresh(poolSize: 6) { db in
            try await Fixture.migrate(db)
            let bus = Fixture.bus(db, dispatchAfterCommit: false)
            try Fixture.recordEffects(on: bus, as: "tests.once")
            let envelope = try EventEnvelope(ParcelShipped(parcel: "p1"), id: UUID(), occurredAt: Date())
            try await db.pool.transaction { tx in
                bus.store.append(envelope, claim: nil, in: tx)
            }
            async let a: Void = bus.deliver(envelope)
            async let b: Void = bus.deliver(envelope)
            async let c: Void = bus.deliver(envelope)
            _ = await (a, b, c)
            #expect(try await Fixture.effects(db) == ["p1"])
            #expect(bus.statistics.delivered == 1 && bus.statistics.duplicatesSkipped == 2)
        }
    }

    @Test func subscribingTwiceUnderOneNameIsRefused() async throws {
        try await TestDatabase.withFresh { db in
            let bus = Fixture.bus(db)
            try Fixture.recordEffects(on: bus, as: "tests.once")
            #expect(throws: EventBusError.duplicateSubscription(event: ParcelShipped.name, subscriber: "tests.once")) {
                try Fixture.recordEffects(on: bus, as: "tests.once")
            }
        }
    }
}

@Suite("Durable event bus: events nobody subscribes to")
struct UnsubscribedEventTests {
    @Test func anEventWithoutSubscribersIsKeptAsCompletedAndNeverDispatched() async throws {
        try await TestDatabase.withFresh { db in
            try await EventBusFixture.migrate(db)
            let bus = EventBusFixture.bus(db)
            try await db.pool.transaction { tx in try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "p1")) }
            #expect(try await EventBusFixture.outboxState(db) == (0, 1, 0))
            #expect(try await bus.deliverDue() == 0)
            #expect(bus.statistics.published == 1 && bus.statistics.delivered == 0)
        }
    }
}
