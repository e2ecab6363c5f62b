import Foundation
import Logging
import Postgres

/// `wharf migrate`, and the migration step of `wharf serve`.
enum MigrateCommand {
    static func run(_ configuration: Configuration) async throws -> Int32 {
        let logger = Logger(label: "wharf.migrate", minimumLevel: configuration.logLevel)
        _ = try directory(configuration) // a missing bundle stops here, before any connection
        var database = try PostgresConfiguration(url: configuration.databaseURL, poolSize: 2)
        database.timeouts = Container.databaseTimeouts(configuration)  // the migrator lifts the statement limits itself
        let pool = PostgresPool(configuration: database)
        defer { Task { await pool.close() } }
        try await migrate(pool: pool, configuration: configuration, logger: logger)
        return 0
    }

    static func migrate(pool: PostgresPool, configuration: Configuration, logger: Logger) async throws {
        let directory = try directory(configuration)
        let applied = try await Migrator(pool: pool, directory: directory).migrate()
        logger.info(applied.isEmpty ? "database schema is up to date" : "applied migrations",
                    ["applied": applied.joined(separator: ","), "directory": directory.path])
    }

    /// `MIGRATIONS_DIR` when set, else the migrations built into the binary.
    static func directory(_ configuration: Configuration) throws(MissingResource) -> URL {
        if let folder = configuration.migrationsDirectory { return URL(fileURLWithPath: folder, isDirectory: true) }
        return try BundledResources.current.migrations()
    }
}
