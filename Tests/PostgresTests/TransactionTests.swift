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
