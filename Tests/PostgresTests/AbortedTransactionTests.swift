import Postgres
import TestSupport
import Testing

/// Issue 14: a statement that fails before it is even sent (it does not prepare) took the transaction's queued `BEGIN`
/// and outbox-like rows with it. A body that caught the error and went on must not run the rest in autocommit without
/// them: after any failure every statement fails, and so does the commit, until a rollback to a savepoint.
@Suite(.timeLimit(.minutes(1))) struct AbortedTransactionTests {
    @Test func afterAStatementThatWouldNotPrepareNothingElseRunsAndNothingCommits() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8 PRIMARY KEY); CREATE TABLE events (name text)")
            var firstError: PostgresError?
            var secondError: PostgresError?
            var commitError: PostgresError?
            do {
                try await db.pool.transaction { tx in
                    tx.enqueue("INSERT INTO events VALUES ($1)", ["placed"])
                    do { try await tx.execute("SELEC 1 FROM nowhere", []) } catch { firstError = error as? PostgresError }
                    // The caller swallowed the error and goes on: refused, not run in autocommit.
                    do { try await tx.execute("INSERT INTO t VALUES ($1)", [1]) } catch { secondError = error as? PostgresError }
                }
            } catch let error as PostgresError {
                commitError = error
            }
            #expect(firstError?.sqlState == "42601", "the statement does not even parse")
            #expect(secondError?.sqlState == "25P02")
            #expect(commitError?.sqlState == "25P02", "the swallowed failure fails the commit")
            #expect(try await db.pool.queryFirst("SELECT count(*) FROM t")?.decode(Int.self, at: 0) == 0)
            #expect(try await db.pool.queryFirst("SELECT count(*) FROM events")?.decode(Int.self, at: 0) == 0)
            #expect(db.pool.stats.inUse == 0)
        }
    }

    @Test func aRollbackToASavepointUndoesTheFailureAndTheTransactionGoesOn() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { db in
            try await db.pool.execute(script: "CREATE TABLE t (id int8 PRIMARY KEY)")
            try await db.pool.transaction { tx in
                try await tx.execute("INSERT INTO t VALUES ($1)", [1])
                try await tx.savepoint("attempt")
                var duplicate: PostgresError?
                do { try await tx.execute("INSERT INTO t VALUES ($1)", [1]) } catch { duplicate = error as? PostgresError }
                #expect(duplicate?.kind == .uniqueViolation)
                try await tx.rollback(toSavepoint: "attempt")
                try await tx.execute("INSERT INTO t VALUES ($1)", [2])
                try await tx.release(savepoint: "attempt")
            }
            let ids = try await db.pool.query("SELECT id FROM t ORDER BY id").map { try $0.decode(Int.self, at: 0) }
            #expect(ids == [1, 2])
        }
    }
}
