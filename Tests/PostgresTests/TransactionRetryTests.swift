import Postgres
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct TransactionRetryTests {
    @Test func writeSkewIsRetriedUntilBothSucceed() async throws {
        try await TestDatabase.withFresh(poolSize: 4) { db in
            try await db.pool.execute(script: """
                CREATE TABLE doctors (name text PRIMARY KEY, on_call bool NOT NULL);
                INSERT INTO doctors VALUES ('alice', true), ('bob', true);
                """)
            let runs = Counter()
            let barrier = Barrier(parties: 2)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in ["alice", "bob"] {
                    group.addTask {
                        try await db.pool.transaction(isolation: .serializable) { tx in
                            await runs.increment()
                            let onCall = try await tx.queryFirst("SELECT count(*) FROM doctors WHERE on_call")?
                                .decode(Int.self, at: 0) ?? 0
                            if tx.attempt == 1 { await barrier.arrive() }
                            if onCall >= 2 {
                                try await tx.execute("UPDATE doctors SET on_call = false WHERE name = $1", [.text(name)])
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await runs.value >= 3)
            let stillOnCall = try await db.pool.queryFirst("SELECT count(*) FROM doctors WHERE on_call")
            #expect(try stillOnCall?.decode(Int.self, at: 0) == 1)
        }
    }

    @Test func serializationFailureAtCommitRetriesTheWholeBody() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { db in
            // A deferred constraint trigger fails the first two COMMITs with 40001; sequences ignore rollback.
            try await db.pool.execute(script: """
                CREATE SEQUENCE failures;
                CREATE TABLE t (id int8);
                CREATE FUNCTION fail_twice() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF nextval('failures') <= 2 THEN
                        RAISE EXCEPTION 'simulated commit-time conflict' USING ERRCODE = 'serialization_failure';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER fail_at_commit AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION fail_twice();
                """)
            let log = Counter()
            try await db.pool.transaction(isolation: .serializable) { tx in
                await log.increment()
                try await tx.execute("INSERT INTO t VALUES ($1)", [.int(tx.attempt)])
                tx.afterCommit { await log.append("committed") }
                await log.append("body \(tx.attempt) finished")
            }
            #expect(await log.value == 3)
            #expect(await log.log == ["body 1 finished", "body 2 finished", "body 3 finished", "committed"])
            let ids = try await db.pool.query("SELECT id FROM t").map { try $0.decode(Int.self, at: 0) }
            #expect(ids == [3])
        }
    }

    @Test func nonRetryableCommitFailureIsThrownWithoutHooks() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: """
                CREATE TABLE t (id int8 CONSTRAINT t_unique UNIQUE DEFERRABLE INITIALLY DEFERRED);
                INSERT INTO t VALUES (1);
                """)
            let log = Counter()
            let error = await failure {
                try await db.pool.transaction { tx in
                    await log.increment()
                    try await tx.execute("INSERT INTO t VALUES (1)")
                    tx.afterCommit { await log.append("committed") }
                }
            }
            #expect(error?.kind == .uniqueViolation)
            #expect(error?.constraint == "t_unique")
            #expect(await log.value == 1)
            #expect(await log.log.isEmpty)
            #expect(db.pool.stats.replaced == 0)
        }
    }

    @Test func retriesAreBounded() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let runs = Counter()
            let error = await failure {
                try await db.pool.transaction(isolation: .serializable, maxAttempts: 3) { _ in
                    await runs.increment()
                    throw PostgresError(sqlState: "40001", message: "simulated serialization failure")
                }
            }
            #expect(error?.kind == .serializationFailure)
            #expect(await runs.value == 3)
            let other = Counter()
            _ = await failure {
                try await db.pool.transaction(maxAttempts: 3) { tx in
                    await other.increment()
                    try await tx.execute("SELECT 1/0")
                }
            }
            #expect(await other.value == 1)
        }
    }

    @Test func deadlockIsRetried() async throws {
        try await TestDatabase.withFresh(poolSize: 4) { db in
            try await db.pool.execute(
                script: "CREATE TABLE r (id int8 PRIMARY KEY, n int8); INSERT INTO r VALUES (1, 0), (2, 0)")
            let runs = Counter()
            let barrier = Barrier(parties: 2)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for order in [[1, 2], [2, 1]] {
                    group.addTask {
                        try await db.pool.transaction { tx in
                            await runs.increment()
                            do {
                                try await tx.execute(script: "SET LOCAL deadlock_timeout = '50ms'")
                                try await tx.execute("UPDATE r SET n = n + 1 WHERE id = $1", [.int(order[0])])
                                if tx.attempt == 1 { await barrier.arrive() }
                                try await tx.execute("UPDATE r SET n = n + 1 WHERE id = $1", [.int(order[1])])
                            } catch {
                                await runs.append("\(order) attempt \(tx.attempt): \(error)")
                                throw error
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Usually exactly one victim (3 runs); the log shows why whenever there were more.
            let runCount = await runs.value
            let log = await runs.log
            #expect(runCount >= 3, "\(log)")
            #expect(log.contains { $0.contains("40P01") }, "\(log)")
            let total = try await db.pool.queryFirst("SELECT sum(n) FROM r")?.decode(Int.self, at: 0)
            #expect(total == 4)
        }
    }
}
