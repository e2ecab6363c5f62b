import Postgres
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct ListenTests {
    @Test func notificationsArriveAndSurviveReconnects() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { db in
            let stream = try await db.pool.listen(channel: "wharf events")
            var iterator = stream.makeAsyncIterator()
            try await db.pool.notify(channel: "wharf events", payload: "first")
            try await db.pool.transaction { tx in
                try await tx.notify(channel: "wharf events", payload: "after commit")
            }
            #expect(await iterator.next() == "first")
            #expect(await iterator.next() == "after commit")

            // Kill the listening session: the listener reconnects and LISTENs again.
            let killed = try await db.pool.queryFirst("""
                SELECT count(*) FROM (
                    SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
                    WHERE datname = current_database() AND query LIKE 'LISTEN%'
                ) AS terminated
                """)
            #expect(try killed?.decode(Int.self, at: 0) == 1)
            let relistened = try await eventually {
                let row = try await db.pool.queryFirst(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")
                return try row?.decode(Int.self, at: 0) == 1
            }
            #expect(relistened)
            try await db.pool.notify(channel: "wharf events", payload: "again")
            #expect(await iterator.next() == "again")
        }
    }

    @Test func listenFailsWhenTheDatabaseIsUnreachable() async throws {
        let configuration = try TestDatabase.adminConfiguration().setting("dbname", to: "wharf_no_such_db")
        let pool = PostgresPool(configuration: configuration, size: 1)
        let error = await failure { try await pool.listen(channel: "x") }
        #expect(error?.kind == .connectionLost)
        await pool.close()
    }
}
