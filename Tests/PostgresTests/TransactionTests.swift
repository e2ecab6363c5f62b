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

    /// BEGIN travels in one pipeline with the first statement: the statement must run inside the transaction at
    /// the requested isolation level, whether it is a prepared statement or a script.
    @Test func theFirstStatementRunsInsideTheTransactionAtItsIsolationLevel() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            for level in PostgresIsolationLevel.allCases {
                let seen = try await db.pool.transaction(isolation: level) { tx in
                    try await tx.queryFirst("SELECT current_setting('transaction_isolation')")
                }
                #expect(try seen?.decode(String.self, at: 0) == level.rawValue.lowercased())
            }
            let local = try await db.pool.transaction { tx in
                try await tx.execute(script: "SET LOCAL statement_timeout = '1234ms'")
                return try await tx.queryFirst("SHOW statement_timeout")?.decode(String.self, at: 0)
            }
            #expect(local == "1234ms")
            // SET LOCAL ended with the transaction: it really was one.
            #expect(try await db.pool.queryFirst("SHOW statement_timeout")?.decode(String.self, at: 0) == "0")
        }
    }

    @Test func aFailingFirstStatementRollsBackAndLeavesTheConnectionUsable() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8 PRIMARY KEY); INSERT INTO t VALUES (1)")
            let duplicate = await failure {
                try await db.pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES ($1)", [1]) }
            }
            #expect(duplicate?.kind == .uniqueViolation)
            let syntax = await failure {
                try await db.pool.transaction { tx in try await tx.execute(script: "SELEC 1") }
            }
            #expect(syntax?.sqlState == "42601")
            // An empty body commits nothing and sends nothing.
            try await db.pool.transaction { _ in }
            _ = try await db.pool.transaction { tx in try await tx.execute("INSERT INTO t VALUES ($1)", [2]) }
            let ids = try await db.pool.query("SELECT id FROM t ORDER BY id").map { try $0.decode(Int.self, at: 0) }
            #expect(ids == [1, 2])
            #expect(db.pool.stats.replaced == 0)
        }
    }

    @Test func enqueuedStatementsRunInOrderAndCommitWithTheTransaction() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8 PRIMARY KEY)")
            // Queued only: sent with COMMIT.
            try await db.pool.transaction { tx in tx.enqueue("INSERT INTO t VALUES ($1)", [1]) }
            // Queued before a query: the query sees it.
            let seen = try await db.pool.transaction { tx in
                tx.enqueue("INSERT INTO t VALUES ($1)", [2])
                tx.enqueue("INSERT INTO t VALUES ($1)", [3])
                return try await tx.queryFirst("SELECT count(*) FROM t")?.decode(Int.self, at: 0)
            }
            #expect(seen == 3)
            // Queued, then the body throws: nothing of it is committed.
            await #expect(throws: BodyFailed.self) {
                try await db.pool.transaction { tx in
                    tx.enqueue("INSERT INTO t VALUES ($1)", [4])
                    throw BodyFailed()
                }
            }
            let ids = try await db.pool.query("SELECT id FROM t ORDER BY id").map { try $0.decode(Int.self, at: 0) }
            #expect(ids == [1, 2, 3])
        }
    }

    @Test func aFailingEnqueuedStatementFailsTheCommitAndRollsEverythingBack() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8 PRIMARY KEY); INSERT INTO t VALUES (1)")
            let hooksRun = Counter()
            let error = await failure {
                try await db.pool.transaction { tx in
                    try await tx.execute("INSERT INTO t VALUES ($1)", [2])
                    tx.enqueue("INSERT INTO t VALUES ($1)", [1])
                    tx.afterCommit { await hooksRun.increment() }
                }
            }
            #expect(error?.kind == .uniqueViolation)
            #expect(await hooksRun.value == 0)
            // The failure surfaces at the next statement too, and the connection is clean afterwards.
            let atNext = await failure {
                try await db.pool.transaction { tx in
                    tx.enqueue("INSERT INTO t VALUES ($1)", [1])
                    _ = try await tx.query("SELECT 1")
                }
            }
            #expect(atNext?.kind == .uniqueViolation)
            let ids = try await db.pool.query("SELECT id FROM t ORDER BY id").map { try $0.decode(Int.self, at: 0) }
            #expect(ids == [1])
            #expect(db.pool.stats.replaced == 0)
        }
    }
}
