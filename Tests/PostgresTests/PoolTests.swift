import Postgres
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct PoolTests {
    @Test func manyConcurrentQueriesOnASmallPool() async throws {
        // What is asserted is that no waiter is lost or served twice, not speed: the acquire timeout is generous
        // so that a machine loaded by parallel builds (seen at load 17 on 2 cores) cannot turn a wait into a failure.
        try await TestDatabase.withFresh(poolSize: 4, acquireTimeout: .seconds(50)) { db in
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

    @Test func cancelledWaiterLeavesTheLine() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.withConnection { _ in
                let waiter = Task { try await db.pool.query("SELECT 1") }
                #expect(await eventually { db.pool.stats.waiting == 1 })
                waiter.cancel()
                let error = await failure { try await waiter.value }
                #expect(error?.kind == .cancelled)
                #expect(db.pool.stats.waiting == 0)
            }
            #expect(try await db.pool.query("SELECT 1").count == 1)
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

    @Test func idleConnectionKilledByTheServerIsReplacedBeforeUse() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let pid = try #require(try await db.pool.queryFirst("SELECT pg_backend_pid()")?.decode(Int32.self, at: 0))
            let killer = PostgresPool(configuration: db.configuration, size: 1)
            let killed = try await killer.queryFirst("SELECT pg_terminate_backend($1, 5000)", [.int32(pid)])
            #expect(try killed?.decode(Bool.self, at: 0) == true)
            await killer.close()
            // The server closed the idle connection: the pool notices before sending anything and reconnects.
            let newPID = try await db.pool.queryFirst("SELECT pg_backend_pid()")?.decode(Int32.self, at: 0)
            #expect(newPID != nil && newPID != pid)
            #expect(db.pool.stats.replaced == 1)
        }
    }

    @Test func connectionKilledDuringAQueryFailsThatCallAndIsReplaced() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let victim = Task { try await db.pool.query("SELECT pg_sleep(30)") }
            let killer = PostgresPool(configuration: db.configuration, size: 1)
            let terminated = try await eventually {
                let row = try await killer.queryFirst("""
                    SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity
                    WHERE datname = current_database() AND query = 'SELECT pg_sleep(30)' AND state = 'active'
                    """)
                return try row?.decode(Int.self, at: 0) == 1
            }
            #expect(terminated)
            await killer.close()
            let error = await failure { try await victim.value }
            #expect(error?.kind == .connectionLost)
            #expect(db.pool.stats.replaced == 1)
            #expect(db.pool.stats.open == 0)
            let after = try await db.pool.queryFirst("SELECT 1")?.decode(Int.self, at: 0)
            #expect(after == 1)
        }
    }

    @Test func transactionLeftOpenInWithConnectionIsRolledBack() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8)")
            try await db.pool.withConnection { connection in
                try await connection.execute(script: "BEGIN")
                try await connection.execute("INSERT INTO t VALUES (1)")
            }
            let count = try await db.pool.queryFirst("SELECT count(*) FROM t")?.decode(Int.self, at: 0)
            #expect(count == 0)
            #expect(db.pool.stats.replaced == 0)
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
                    // Only this database's locks: other tests running meanwhile wait on advisory locks of their own.
                    let row = try await lock.queryFirst(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
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

    @Test func sessionsAreUTCAndKeepUserOptions() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "ALTER DATABASE \(db.name) SET TimeZone = 'America/New_York'")
            let configuration = db.configuration.setting("options", to: "-c statement_timeout=1234")
            let pool = PostgresPool(configuration: configuration, size: 1)
            let row = try await pool.queryFirst(
                "SELECT current_setting('TimeZone'), current_setting('DateStyle'), current_setting('statement_timeout')")
            await pool.close()
            #expect(try row?.decode(String.self, at: 0) == "UTC")
            #expect(try row?.decode(String.self, at: 1) == "ISO, YMD")
            #expect(try row?.decode(String.self, at: 2) == "1234ms")
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
