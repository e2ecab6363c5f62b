import Foundation
@testable import Postgres
import TestSupport
import Testing

/// The timeouts of `PostgresConfiguration.timeouts`: what reaches libpq and the server, and what a statement that
/// runs into one of them throws.
@Suite(.timeLimit(.minutes(1))) struct SessionTimeoutTests {
    @Test func aHeldRowLockFailsTheWaitingStatementWithLockTimeoutAndThePoolStaysUsable() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8 PRIMARY KEY, n int8); INSERT INTO t VALUES (1, 0), (2, 0)")
            var limited = db.configuration
            limited.timeouts = PostgresTimeouts(lock: .milliseconds(300))
            let pool = PostgresPool(configuration: limited, size: 1)
            let lock = try await HeldRowLock.take("SELECT 1 FROM t WHERE id = 1 FOR UPDATE", on: db.configuration)
            let error = await failure {
                try await pool.transaction { tx in try await tx.execute("UPDATE t SET n = n + 1 WHERE id = 1") }
            }
            #expect(error?.kind == .lockTimeout)
            #expect(error?.sqlState == "55P03")
            // It gave up while the other session still held the row: the timeout ended the wait, not the holder.
            #expect(lock.isHeld)
            // The same (only) connection serves the next statement; nothing was discarded.
            #expect(try await pool.execute("UPDATE t SET n = n + 1 WHERE id = 2") == 1)
            #expect(pool.stats.replaced == 0)
            await lock.release()
            #expect(try await pool.execute("UPDATE t SET n = n + 1 WHERE id = 1") == 1)
            await pool.close()
        }
    }

    @Test func aStatementPastTheStatementTimeoutFailsWithStatementTimeoutNotCancelled() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            var limited = db.configuration
            limited.timeouts = PostgresTimeouts(statement: .milliseconds(200))
            let pool = PostgresPool(configuration: limited, size: 1)
            let error = await failure { try await pool.query("SELECT pg_sleep(20)") }
            #expect(error?.kind == .statementTimeout)
            #expect(error?.sqlState == "57014")
            let after = try await pool.queryFirst("SELECT 1")?.decode(Int.self, at: 0)
            #expect(after == 1)
            #expect(pool.stats.replaced == 0)
            await pool.close()
        }
    }

    @Test func sessionLimitsReachEveryConnectionAndTheURLsOwnOptionsWin() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            var limited = db.configuration
            limited.timeouts = PostgresTimeouts(statement: .milliseconds(5000), lock: .milliseconds(2000),
                                                idleInTransaction: .seconds(60))
            let pool = PostgresPool(configuration: limited, size: 1)
            let row = try await pool.queryFirst(
                "SELECT current_setting('statement_timeout'), current_setting('lock_timeout'), "
                    + "current_setting('idle_in_transaction_session_timeout'), current_setting('TimeZone')")
            #expect(try row?.decode(String.self, at: 0) == "5s")
            #expect(try row?.decode(String.self, at: 1) == "2s")
            #expect(try row?.decode(String.self, at: 2) == "1min")
            #expect(try row?.decode(String.self, at: 3) == "UTC")
            await pool.close()

            var overridden = limited.setting("options", to: "-c lock_timeout=750")
            overridden.timeouts = limited.timeouts
            let own = PostgresPool(configuration: overridden, size: 1)
            #expect(try await own.queryFirst("SHOW lock_timeout")?.decode(String.self, at: 0) == "750ms")
            #expect(try await own.queryFirst("SHOW statement_timeout")?.decode(String.self, at: 0) == "5s")
            await own.close()
        }
    }

    @Test func aSessionIdleInATransactionPastTheLimitIsEndedAndReplaced() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8)")
            var limited = db.configuration
            limited.timeouts = PostgresTimeouts(idleInTransaction: .milliseconds(200))
            let pool = PostgresPool(configuration: limited, size: 1)
            let error: PostgresError? = await failure {
                try await pool.transaction { tx in
                    try await tx.execute("INSERT INTO t VALUES (1)")
                    // Idle inside the transaction until the server has ended the session.
                    let ended = try await eventually {
                        let row = try await db.pool.queryFirst(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'",
                            [.text(db.name)])
                        return try row?.decode(Int.self, at: 0) == 0
                    }
                    #expect(ended)
                    try await tx.execute("INSERT INTO t VALUES (2)")
                }
            }
            #expect(error?.kind == .connectionLost)
            #expect(try await db.pool.queryFirst("SELECT count(*) FROM t")?.decode(Int.self, at: 0) == 0)
            // The dead connection was replaced, not lent again.
            #expect(try await pool.queryFirst("SELECT 1")?.decode(Int.self, at: 0) == 1)
            #expect(pool.stats.replaced == 1)
            await pool.close()
        }
    }

    @Test func aMigrationIsNotCutByTheStatementOrLockTimeout() async throws {
        let folder = try MigrationFolder([
            "0001_slow.sql": "SELECT pg_sleep(0.5);\nCREATE TABLE slow (id int8);",
        ])
        defer { folder.delete() }
        try await TestDatabase.withFresh(poolSize: 1) { db in
            var limited = db.configuration
            limited.timeouts = PostgresTimeouts(statement: .milliseconds(100), lock: .milliseconds(100))
            let pool = PostgresPool(configuration: limited, size: 1)
            // Another migrator holds the advisory lock for longer than the lock timeout: waiting for it is the point.
            let other = try await HeldRowLock.take(
                "SELECT pg_advisory_xact_lock($1)", [.int(Migrator.advisoryLockKey)], on: db.configuration)
            let migrating = Task { try await Migrator(pool: pool, directory: folder.url).migrate() }
            let waiting = await eventually {
                let row = try? await db.pool.queryFirst(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                return (try? row?.decode(Int.self, at: 0)) == 1
            }
            #expect(waiting)
            await other.release()
            #expect(try await migrating.value == ["0001_slow"])
            await pool.close()
        }
    }

    @Test func connectionParametersAreAddedUnlessTheURLGivesThem() throws {
        var configuration = try PostgresConfiguration(url: "postgresql://u@h/db?keepalives_idle=99&options=-c%20work_mem%3D8MB")
        configuration.timeouts = PostgresTimeouts(
            connect: .milliseconds(500), keepalivesIdle: .seconds(30), keepalivesInterval: .seconds(10), keepalivesCount: 3,
            tcpUserTimeout: .seconds(30), statement: .milliseconds(5000), lock: .microseconds(1500))
        let settings = Dictionary(configuration.connectionSettings.map { ($0.keyword, $0.value) }, uniquingKeysWith: { $1 })
        #expect(settings["connect_timeout"] == "2")  // libpq's minimum; rounded up, never 0 ("forever")
        #expect(settings["keepalives"] == "1")
        #expect(settings["keepalives_idle"] == "99")
        #expect(settings["keepalives_interval"] == "10")
        #expect(settings["keepalives_count"] == "3")
        #expect(settings["tcp_user_timeout"] == "30000")
        #expect(settings["options"] == "-c statement_timeout=5000 -c lock_timeout=2 -c work_mem=8MB")
        #expect(configuration.settings.count == configuration.connectionSettings.count - 5)
        // Without timeouts nothing is added: libpq's and the server's defaults apply.
        let plain = try PostgresConfiguration(url: "postgresql://u@h/db")
        #expect(plain.connectionSettings == plain.settings)
        // A migrator's copy: statement and lock limits off, the rest kept.
        let lifted = configuration.timeouts.withoutStatementLimits
        #expect(lifted.sessionOptions == ["-c statement_timeout=0", "-c lock_timeout=0"])
        #expect(lifted.tcpUserTimeout == .seconds(30))
    }
}
