import Postgres
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct PoolTests {
    @Test func manyConcurrentQueriesOnASmallPool() async throws {
        try await TestDatabase.withFresh(poolSize: 4) { db in
            let sum = try await withThrowingTaskGroup(of: Int.self) { group in
                for value in 0..<200 {
                    group.addTask {
                        try await db.pool.queryFirst("SELECT $1::int8 * 2", [.int(value)])?.decode(Int.self, at: 0) ?? 0
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(sum == 199 * 200)
            let stats = db.pool.stats
            #expect(stats.open <= 4)
            #expect(stats.inUse == 0)
            #expect(stats.totalAcquired >= 200)
            #expect(stats.timeouts == 0)
        }
    }

    @Test func acquireTimesOutWhenExhausted() async throws {
        try await TestDatabase.withFresh(poolSize: 1, acquireTimeout: .milliseconds(150)) { db in
            try await db.pool.withConnection { connection in
                _ = try await connection.query("SELECT 1")
                let error = await failure { try await db.pool.query("SELECT 1") }
                #expect(error?.kind == .poolTimeout)
                #expect(db.pool.stats.waiting == 0)
            }
            #expect(db.pool.stats.timeouts == 1)
            #expect(try await db.pool.queryFirst("SELECT 7")?.decode(Int.self, at: 0) == 7)
        }
    }

    @Test func waitersAreServedWhenAConnectionFrees() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let waiter = try await db.pool.withConnection { _ in
                let waiter = Task { try await db.pool.queryFirst("SELECT 5")?.decode(Int.self, at: 0) }
                #expect(await eventually { db.pool.stats.waiting == 1 })
                return waiter
            }
            #expect(try await waiter.value == 5)
        }
    }

    @Test func killedConnectionIsReplaced() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let pid = try #require(try await db.pool.queryFirst("SELECT pg_backend_pid()")?.decode(Int32.self, at: 0))
            let killer = PostgresPool(configuration: db.configuration, size: 1)
            let killed = try await killer.queryFirst("SELECT pg_terminate_backend($1, 5000)", [.int32(pid)])
            #expect(try killed?.decode(Bool.self, at: 0) == true)
            await killer.close()
            let error = await failure { try await db.pool.query("SELECT 1") }
            #expect(error?.kind == .connectionLost)
            #expect(db.pool.stats.replaced == 1)
            let newPID = try await db.pool.queryFirst("SELECT pg_backend_pid()")?.decode(Int32.self, at: 0)
            #expect(newPID != nil && newPID != pid)
        }
    }

    @Test func blockedQueriesDoNotBlockTheCooperativePool() async throws {
        try await TestDatabase.withFresh(poolSize: 4) { db in
            let holder = PostgresPool(configuration: db.configuration, size: 1)
            try await holder.withConnection { lock in
                _ = try await lock.query("SELECT pg_advisory_lock(4242)")
                // Four queries block inside the server on the lock: with blocking calls on cooperative threads
                // (2 on this machine) nothing else could run until they return.
                let blocked = (0..<4).map { _ in
                    Task { try await db.pool.query("SELECT pg_advisory_xact_lock(4242)") }
                }
                let waiting = try await eventually {
                    let row = try await lock.queryFirst(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                    return try row?.decode(Int.self, at: 0) == 4
                }
                #expect(waiting)
                let unrelated = await withTaskGroup(of: Int.self) { group in
                    for value in 0..<16 { group.addTask { await Task.yield(); return value } }
                    return await group.reduce(0, +)
                }
                #expect(unrelated == 120)
                _ = try await lock.query("SELECT pg_advisory_unlock(4242)")
                for task in blocked { _ = try await task.value }
            }
            await holder.close()
        }
    }

    @Test func closedPoolRefusesWork() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let pool = PostgresPool(configuration: db.configuration, size: 2)
            try await pool.warmUp()
            #expect(pool.stats.open == 2)
            #expect(pool.stats.idle == 2)
            await pool.close()
            let error = await failure { try await pool.query("SELECT 1") }
            #expect(error?.kind == .poolClosed)
        }
    }

    @Test func connectionCannotBeUsedAfterItsClosure() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let escaped = try await db.pool.withConnection { $0 }
            let error = await failure { try await escaped.query("SELECT 1") }
            #expect(error?.kind == .invalidUse)
        }
    }

    @Test func connectFailureIsReported() async throws {
        let configuration = try TestDatabase.adminConfiguration().setting("dbname", to: "wharf_no_such_db")
        let pool = PostgresPool(configuration: configuration, size: 1)
        let error = await failure { try await pool.query("SELECT 1") }
        #expect(error?.kind == .connectionLost)
        #expect(error?.message.contains("wharf_no_such_db") == true)
        #expect(pool.stats.open == 0)
        await pool.close()
    }
}
