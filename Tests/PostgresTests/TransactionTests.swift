import Postgres
import TestSupport
import Testing

struct BodyFailed: Error {}

@Suite(.timeLimit(.minutes(1))) struct TransactionTests {
    @Test func commitsOnReturnAndRollsBackOnThrow() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8 PRIMARY KEY)")
            let value = try await db.pool.transaction { tx in
                try await tx.execute("INSERT INTO t VALUES ($1)", [1])
                return "done"
            }
            #expect(value == "done")
            await #expect(throws: BodyFailed.self) {
                try await db.pool.transaction { tx in
                    try await tx.execute("INSERT INTO t VALUES ($1)", [2])
                    throw BodyFailed()
                }
            }
            let ids = try await db.pool.query("SELECT id FROM t ORDER BY id").map { try $0.decode(Int.self, at: 0) }
            #expect(ids == [1])
            #expect(db.pool.stats.inUse == 0)
        }
    }

    @Test func afterCommitRunsOnlyAfterCommit() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8 PRIMARY KEY)")
            let log = Counter()
            try await db.pool.transaction { tx in
                try await tx.execute("INSERT INTO t VALUES (1)")
                tx.afterCommit {
                    // Runs after COMMIT: the row is visible to another connection.
                    let count = try? await db.pool.queryFirst("SELECT count(*) FROM t")?.decode(Int.self, at: 0)
                    await log.append("first \(count ?? -1)")
                }
                tx.afterCommit { await log.append("second") }
                await log.append("body")
            }
            #expect(await log.log == ["body", "first 1", "second"])
            _ = try? await db.pool.transaction { tx in
                tx.afterCommit { await log.append("rolled back") }
                throw BodyFailed()
            }
            // A duplicate key fails COMMIT-less: the hook of the failed transaction must not run either.
            _ = try? await db.pool.transaction { tx in
                tx.afterCommit { await log.append("failed insert") }
                try await tx.execute("INSERT INTO t VALUES (1)")
            }
            #expect(await log.log == ["body", "first 1", "second"])
        }
    }

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

    @Test func connectionLossInsideTransactionIsNotRetried() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { db in
            let runs = Counter()
            let killer = PostgresPool(configuration: db.configuration, size: 1)
            let error = await failure {
                try await db.pool.transaction(isolation: .serializable) { tx in
                    await runs.increment()
                    let pid = try await tx.queryFirst("SELECT pg_backend_pid()")?.decode(Int32.self, at: 0) ?? 0
                    _ = try await killer.query("SELECT pg_terminate_backend($1, 5000)", [.int32(pid)])
                    _ = try await tx.query("SELECT 1")
                }
            }
            await killer.close()
            #expect(error?.kind == .connectionLost)
            #expect(await runs.value == 1)
            #expect(db.pool.stats.replaced == 1)
            let after = try await db.pool.queryFirst("SELECT 1")?.decode(Int.self, at: 0)
            #expect(after == 1)
        }
    }

    @Test func transactionHandleCannotEscape() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let escaped = try await db.pool.transaction { $0 }
            let error = await failure { try await escaped.query("SELECT 1") }
            #expect(error?.kind == .invalidUse)
        }
    }

    @Test func swallowedErrorMakesCommitFail() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let error = await failure {
                try await db.pool.transaction { tx in
                    _ = try? await tx.query("SELECT 1/0")
                }
            }
            #expect(error?.sqlState == "25P02")
        }
    }
}
