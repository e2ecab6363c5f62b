import Foundation
import Postgres
import TestSupport
import Testing

/// A temporary migrations folder, removed when the test ends.
struct MigrationFolder {
    let url = FileManager.default.temporaryDirectory.appending(path: "wharf-migrations-\(UUID().uuidString)")

    init(_ files: [String: String]) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, sql) in files { try write(name, sql) }
    }

    func write(_ name: String, _ sql: String) throws {
        try Data(sql.utf8).write(to: url.appending(path: name))
    }

    func remove(_ name: String) throws { try FileManager.default.removeItem(at: url.appending(path: name)) }

    func delete() { try? FileManager.default.removeItem(at: url) }
}

@Suite(.timeLimit(.minutes(1))) struct MigratorTests {
    static let files = [
        "0001_items.sql": "CREATE TABLE items (id int8 PRIMARY KEY, name text NOT NULL);",
        "0002_item_rows.sql": "INSERT INTO items VALUES (1, 'one');\nINSERT INTO items VALUES (2, 'two');",
        "0010_tags.sql": "CREATE TABLE tags (item_id int8 REFERENCES items (id), tag text NOT NULL);",
        ".gitkeep": "",
    ]

    @Test func appliesInOrderOnceAndIsIdempotent() async throws {
        let folder = try MigrationFolder(Self.files)
        defer { folder.delete() }
        try await TestDatabase.withFresh(poolSize: 2) { db in
            let migrator = Migrator(pool: db.pool, directory: folder.url)
            #expect(try await migrator.migrate() == ["0001_items", "0002_item_rows", "0010_tags"])
            #expect(try await migrator.migrate() == [])
            let recorded = try await db.pool.query("SELECT version, checksum FROM schema_migrations ORDER BY version")
            #expect(try recorded.map { try $0.decode(String.self, at: 0) } == ["0001_items", "0002_item_rows", "0010_tags"])
            // sha256("CREATE TABLE items (id int8 PRIMARY KEY, name text NOT NULL);"), as computed by PostgreSQL.
            let expected = try await db.pool.queryFirst(
                "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [.text(Self.files["0001_items.sql"] ?? "")])
            #expect(try recorded.first?.decode(String.self, at: 1) == expected?.decode(String.self, at: 0))
            try folder.write("0011_more.sql", "INSERT INTO tags VALUES (1, 'a');")
            #expect(try await migrator.migrate() == ["0011_more"])
            #expect(try await db.pool.queryFirst("SELECT count(*) FROM items")?.decode(Int.self, at: 0) == 2)
        }
    }

    @Test func changedAppliedFileStopsTheRun() async throws {
        let folder = try MigrationFolder(Self.files)
        defer { folder.delete() }
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let migrator = Migrator(pool: db.pool, directory: folder.url)
            try await migrator.migrate()
            try folder.write("0002_item_rows.sql", "INSERT INTO items VALUES (3, 'three');")
            try folder.write("0020_later.sql", "CREATE TABLE later (x int);")
            await #expect {
                try await migrator.migrate()
            } throws: { error in
                guard case .checksumMismatch(let file, _, _) = error as? MigrationError else { return false }
                return file == "0002_item_rows.sql" && "\(error)".contains("0002_item_rows.sql")
            }
            let later = try await db.pool.queryFirst("SELECT to_regclass('later') IS NULL")?.decode(Bool.self, at: 0)
            #expect(later == true)
        }
    }

    @Test func missingAppliedFileIsAnError() async throws {
        let folder = try MigrationFolder(Self.files)
        defer { folder.delete() }
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let migrator = Migrator(pool: db.pool, directory: folder.url)
            try await migrator.migrate()
            try folder.remove("0010_tags.sql")
            await #expect(throws: MigrationError.missingFile(version: "0010_tags")) { try await migrator.migrate() }
        }
    }

    @Test(arguments: ["1_short.sql", "0003-dash.sql", "0003_Upper.sql", "0003_x.SQL", "notes.txt", "0003_.sql"])
    func badFileNameIsAnError(name: String) async throws {
        let folder = try MigrationFolder(["0001_ok.sql": "SELECT 1;", name: "SELECT 1;"])
        defer { folder.delete() }
        try await TestDatabase.withFresh(poolSize: 1) { db in
            await #expect(throws: MigrationError.invalidFileName(name)) {
                try await Migrator(pool: db.pool, directory: folder.url).migrate()
            }
            let table = try await db.pool.queryFirst("SELECT to_regclass('public.schema_migrations') IS NULL")
            #expect(try table?.decode(Bool.self, at: 0) == true)
        }
    }

    @Test func failingMigrationIsRolledBackAndNamed() async throws {
        let folder = try MigrationFolder([
            "0001_ok.sql": "CREATE TABLE ok (x int);",
            "0002_bad.sql": "CREATE TABLE half (x int);\nSELECT * FROM no_such_table;",
        ])
        defer { folder.delete() }
        try await TestDatabase.withFresh(poolSize: 1) { db in
            await #expect {
                try await Migrator(pool: db.pool, directory: folder.url).migrate()
            } throws: { error in
                guard case .failed(let file, let cause) = error as? MigrationError else { return false }
                return file == "0002_bad.sql" && cause.sqlState == "42P01"
            }
            let half = try await db.pool.queryFirst("SELECT to_regclass('half') IS NULL")?.decode(Bool.self, at: 0)
            #expect(half == true)
            let versions = try await db.pool.query("SELECT version FROM schema_migrations").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(versions == ["0001_ok"])
        }
    }

    @Test func concurrentMigratorsApplyEachFileOnce() async throws {
        // The pg_sleep keeps the first migrator inside the lock long enough for the others to queue behind it.
        let folder = try MigrationFolder([
            "0001_counter.sql": "CREATE TABLE runs (name text); SELECT pg_sleep(0.2);",
            "0002_run.sql": "INSERT INTO runs VALUES ('0002');",
            "0003_run.sql": "INSERT INTO runs VALUES ('0003');",
        ])
        defer { folder.delete() }
        try await TestDatabase.withFresh(poolSize: 2) { db in
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<3 {
                    group.addTask { try await Migrator(pool: db.pool, directory: folder.url).migrate() }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.flatMap { $0 }.sorted() == ["0001_counter", "0002_run", "0003_run"])
            #expect(results.filter { $0.isEmpty }.count == 2)
            let runs = try await db.pool.query("SELECT name FROM runs ORDER BY name").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(runs == ["0002", "0003"])
        }
    }

    @Test func missingFolderIsAnError() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { db in
            let migrator = Migrator(pool: db.pool, directory: URL(filePath: "/nonexistent/wharf/migrations"))
            await #expect { try await migrator.migrate() } throws: { error in
                guard case .unreadableDirectory = error as? MigrationError else { return false }
                return true
            }
        }
    }
}
