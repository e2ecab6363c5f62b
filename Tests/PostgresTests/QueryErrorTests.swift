import Postgres
import TestSupport
import Testing

@Suite struct QueryErrorTests {
    @Test func sameSQLIsPreparedOncePerConnection() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.withConnection { connection in
                let sql = "SELECT $1::int8 + 1"
                let before = await connection.preparedStatementCount
                for value in 0..<3 {
                    let row = try #require(try await connection.queryFirst(sql, [.int(value)]))
                    #expect(try row.decode(Int.self, at: 0) == value + 1)
                }
                #expect(await connection.preparedStatementCount == before + 1)
                let onServer = try await connection.queryFirst(
                    "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", [.text(sql)])
                #expect(try onServer?.decode(Int.self, at: 0) == 1)
            }
        }
    }

    @Test func typedErrorsCarrySQLStateAndConstraint() async throws {
        try await TestDatabase.withFresh(poolSize: 2) { db in
            try await db.pool.execute(script: """
                CREATE TABLE parent (id int8 PRIMARY KEY);
                CREATE TABLE child (
                    id int8 CONSTRAINT child_pkey PRIMARY KEY,
                    parent_id int8 CONSTRAINT child_parent_fk REFERENCES parent (id),
                    qty int4 CONSTRAINT child_qty_positive CHECK (qty > 0)
                );
                INSERT INTO parent VALUES (1);
                INSERT INTO child VALUES (1, 1, 1);
                """)
            let unique = await failure { try await db.pool.execute("INSERT INTO child VALUES ($1, 1, 1)", [1]) }
            #expect(unique?.kind == .uniqueViolation)
            #expect(unique?.sqlState == "23505")
            #expect(unique?.constraint == "child_pkey")
            let foreign = await failure { try await db.pool.execute("INSERT INTO child VALUES (2, $1, 1)", [99]) }
            #expect(foreign?.kind == .foreignKeyViolation)
            #expect(foreign?.constraint == "child_parent_fk")
            let check = await failure { try await db.pool.execute("INSERT INTO child VALUES (3, 1, $1)", [0]) }
            #expect(check?.kind == .checkViolation)
            #expect(check?.constraint == "child_qty_positive")
            let syntax = await failure { try await db.pool.query("SELEC 1") }
            #expect(syntax?.sqlState == "42601")
            #expect(syntax?.kind == .other)
            let count = await failure { try await db.pool.query("SELECT $1::int8 + $2::int8", [1]) }
            #expect(count?.message.contains("expects 2 parameters") == true)
            // The connection stays usable after all of these.
            #expect(try await db.pool.queryFirst("SELECT 42")?.decode(Int.self, at: 0) == 42)
            #expect(db.pool.stats.replaced == 0)
        }
    }

    @Test func multiStatementScript() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let last = try await db.pool.execute(
                script: "CREATE TABLE a (x int); INSERT INTO a VALUES (1), (2); SELECT sum(x) FROM a")
            #expect(try last.first?.decode(Int.self, at: 0) == 3)
            let error = await failure { try await db.pool.execute(script: "INSERT INTO a VALUES (3); SELECT 1/0") }
            #expect(error?.sqlState == "22012")
            // A failing script runs as one implicit transaction: the insert is gone.
            #expect(try await db.pool.queryFirst("SELECT count(*) FROM a")?.decode(Int.self, at: 0) == 2)
        }
    }

    @Test func textWithNULIsRejected() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let error = await failure { try await db.pool.query("SELECT $1::text", ["a\u{0}b"]) }
            #expect(error?.message.contains("NUL") == true)
        }
    }
}

/// The PostgresError `body` throws, or nil (recording an issue) when it does not throw.
func failure<T>(
    _ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async -> PostgresError? {
    do {
        _ = try await body()
        Issue.record("expected a PostgresError", sourceLocation: sourceLocation)
        return nil
    } catch let error as PostgresError {
        return error
    } catch {
        Issue.record("expected a PostgresError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

@Suite struct StatementCacheTests {
    @Test func statementIsPreparedAgainAfterASchemaChange() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            try await db.pool.execute(script: "CREATE TABLE t (a int8); INSERT INTO t VALUES (1)")
            #expect(try await db.pool.query("SELECT * FROM t").columns == ["a"])
            try await db.pool.execute(script: "ALTER TABLE t ADD COLUMN b text")
            // The cached plan's result type changed (0A000): outside a transaction it is prepared again.
            #expect(try await db.pool.query("SELECT * FROM t").columns == ["a", "b"])
        }
    }
}
