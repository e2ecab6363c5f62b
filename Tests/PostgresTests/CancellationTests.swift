import Postgres
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct CancellationTests {
    /// Waits until a statement with exactly this text is running in the test database.
    private func waitUntilRunning(_ sql: String, in db: TestDatabase, observer: PostgresPool) async throws -> Bool {
        try await eventually {
            let row = try await observer.queryFirst(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND query = $2 AND state = 'active'",
                [.text(db.name), .text(sql)])
            return try row?.decode(Int.self, at: 0) == 1
        }
    }

    @Test func cancellingTheTaskCancelsTheRunningStatement() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let observer = PostgresPool(configuration: db.configuration, size: 1)
            let sql = "SELECT pg_sleep(30)"
            let started = ContinuousClock.now
            let sleeper = Task { try await db.pool.query(sql) }
            #expect(try await waitUntilRunning(sql, in: db, observer: observer))
            sleeper.cancel()
            let error = await failure { try await sleeper.value }
            #expect(error?.kind == .cancelled)
            #expect(error?.sqlState == "57014")
            #expect(ContinuousClock.now - started < .seconds(10))
            // The connection survives and is reused.
            let after = try await db.pool.queryFirst("SELECT 1")?.decode(Int.self, at: 0)
            #expect(after == 1)
            #expect(db.pool.stats.replaced == 0)
            await observer.close()
        }
    }

    @Test func cancellingATransactionRollsItBack() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8)")
            let observer = PostgresPool(configuration: db.configuration, size: 1)
            let sql = "SELECT pg_sleep(29)"
            let runs = Counter()
            let worker = Task {
                try await db.pool.transaction { tx in
                    await runs.increment()
                    try await tx.execute("INSERT INTO t VALUES (1)")
                    _ = try await tx.query(sql)
                }
            }
            #expect(try await waitUntilRunning(sql, in: db, observer: observer))
            worker.cancel()
            let error = await failure { try await worker.value }
            #expect(error?.kind == .cancelled)
            #expect(await runs.value == 1)
            let count = try await db.pool.queryFirst("SELECT count(*) FROM t")?.decode(Int.self, at: 0)
            #expect(count == 0)
            #expect(db.pool.stats.replaced == 0)
            await observer.close()
        }
    }

    @Test func alreadyCancelledTaskSendsNothing() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8)")
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await db.pool.execute("INSERT INTO t VALUES (1)")
            }
            let error = await failure { try await task.value }
            #expect(error?.kind == .cancelled)
            let count = try await db.pool.queryFirst("SELECT count(*) FROM t")?.decode(Int.self, at: 0)
            #expect(count == 0)
        }
    }
}
