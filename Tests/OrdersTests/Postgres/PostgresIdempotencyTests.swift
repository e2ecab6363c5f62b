import Foundation
import Kernel
import OrdersContracts
import OrdersDomain
import OrdersApplication
import Outbox
import Postgres
import TestSupport
import Testing
@testable import OrdersInfrastructure

@Suite("Orders on PostgreSQL: idempotency keys")
struct PostgresIdempotencyTests {
    @Test func concurrentRequestsWithOneKeyMakeOneOrder() async throws {
        try await PostgresOrdersFixture.run(poolSize: 8) { fixture in
            for round in 0..<5 {
                let key = "race-\(round)"
                let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            do {
                                let placed = try await fixture.place(key: key)
                                return placed.replayed ? "replay" : "created"
                            } catch {
                                if let error = error as? DomainError, error.code == "idempotency_key_in_use" { return "in_use" }
                                throw error
                            }
                        }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }.sorted()
                }
                #expect(outcomes == ["created", "in_use"] || outcomes == ["created", "replay"], "\(outcomes)")
            }
            #expect(try await fixture.count("SELECT count(*) FROM orders.orders") == 5)
            #expect(try await fixture.count("SELECT count(*) FROM orders.idempotency_keys") == 5)
        }
    }

    @Test func aKeyHeldByATransactionInFlightIsInUseAndFreeOnceItEnds() async throws {
        try await PostgresOrdersFixture.run { fixture in
            let key = try IdempotencyKey("held")
            let userId = fixture.customer.userId
            struct Abandoned: Error {}
            // Another request's transaction holds the key, then dies without committing (as in a crash).
            var busyCode: String?
            do {
                try await fixture.db.pool.transaction { tx in
                    #expect(try await PostgresIdempotencyKeys(db: tx, table: OrdersRepositories.idempotencyTable).claim(userId: userId, key: key))
                    do {
                        _ = try await fixture.place(key: "held")
                    } catch {
                        busyCode = (error as? DomainError)?.code
                    }
                    throw Abandoned()
                }
            } catch is Abandoned {}
            #expect(busyCode == "idempotency_key_in_use")
            let placed = try await fixture.place(key: "held")
            #expect(!placed.replayed)
            #expect(try await fixture.place(key: "held").orderId == placed.orderId)
        }
    }

    @Test func aFailureBetweenOrderAndResponseLeavesNoOrderAndNoStuckKey() async throws {
        try await PostgresOrdersFixture.run { fixture in
            // Storing the key is the placement's last write, after the order and its outbox row: make it fail.
            _ = try await fixture.db.pool.execute(script: """
                CREATE FUNCTION orders.crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'crash'; END $$;
                CREATE TRIGGER crash BEFORE INSERT ON orders.idempotency_keys FOR EACH ROW EXECUTE FUNCTION orders.crash();
                """)
            let crash = await #expect(throws: PostgresError.self) { try await fixture.place(key: "k") }
            #expect(crash?.sqlState == "P0001")
            _ = try await fixture.db.pool.execute(script: "DROP TRIGGER crash ON orders.idempotency_keys; DROP FUNCTION orders.crash();")
            #expect(try await fixture.count("SELECT count(*) FROM orders.orders") == 0)
            #expect(try await fixture.count("SELECT count(*) FROM messaging.outbox WHERE name = 'orders.order_placed.v1'") == 0)
            let placed = try await fixture.place(key: "k")
            #expect(!placed.replayed)
            let replay = try await fixture.place(key: "k")
            #expect(replay.replayed && replay.body == placed.body)
            #expect(try await fixture.count("SELECT response_status FROM orders.idempotency_keys") == 201)
            let reused = await #expect(throws: DomainError.self) { try await fixture.place(key: "k", body: "other") }
            #expect(reused?.code == "idempotency_key_reused")
        }
    }

    @Test func expiredKeysNoLongerReplayAndThePurgeDeletesThem() async throws {
        try await PostgresOrdersFixture.run { fixture in
            let first = try await fixture.place(key: "day")
            _ = try await fixture.place(key: "other")
            fixture.advance(24 * 3600 + 1)
            let again = try await fixture.place(key: "day")
            #expect(!again.replayed && again.orderId != first.orderId)
            #expect(try await fixture.orders.purgeExpiredIdempotencyKeys() == 1)
            #expect(try await fixture.count("SELECT count(*) FROM orders.idempotency_keys") == 1)
            #expect(try await fixture.place(key: "day").orderId == again.orderId)
        }
    }
}
