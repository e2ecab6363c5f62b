public import Foundation
public import Postgres

/// A throwaway database for one test, created from `DATABASE_URL` and dropped afterwards.
///
/// Promises: `withFresh` creates `wharf_t_<random>` from `template0`, gives the body a configuration and an open
/// pool for it, and drops it (`WITH (FORCE)`) when the body returns or throws. When `DATABASE_URL` is unset it
/// throws `TestDatabaseError` explaining how to set it, so the test fails instead of being skipped.
public struct TestDatabase: Sendable {
    /// The generated database name.
    public let name: String
    /// The configuration pointing at the fresh database.
    public let configuration: PostgresConfiguration
    /// A pool on the fresh database.
    public let pool: PostgresPool

    /// A libpq connection string for the fresh database, e.g. to pass as `DATABASE_URL` to the app under test.
    public var url: String { configuration.connectionString }

    /// Creates a fresh database, runs `body` with it, then closes the pool and drops the database.
    nonisolated(nonsending)
    public static func withFresh<T>(
        poolSize: Int = 4, acquireTimeout: Duration = .seconds(10),
        _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        var admin = try adminConfiguration()
        admin.acquireTimeout = acquireTimeout
        let name = "wharf_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        // The name is generated from hex digits only, so splicing it into DDL (which cannot take parameters) is safe.
        try await runAdmin(admin, "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        var configuration = admin.setting("dbname", to: name)
        configuration.poolSize = poolSize
        let database = TestDatabase(
            name: name, configuration: configuration, pool: PostgresPool(configuration: configuration))
        do {
            let value = try await body(database)
            await database.drop(admin: admin)
            return value
        } catch {
            await database.drop(admin: admin)
            throw error
        }
    }

    /// The configuration from `DATABASE_URL`, or an error telling how to provide it.
    public static func adminConfiguration() throws -> PostgresConfiguration {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else {
            throw TestDatabaseError(
                "DATABASE_URL is not set: run `make test` (it starts a throwaway PostgreSQL under .data/test-pg), or "
                    + "set DATABASE_URL to a server where the user may CREATE DATABASE.")
        }
        return try PostgresConfiguration(url: url)
    }

    /// Applies the repository's `Migrations/` folder to this database and returns the versions applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await Migrator(pool: pool, directory: Self.repositoryRoot.appending(path: "Migrations")).migrate()
    }

    /// The repository root: `WHARF_REPO_ROOT` when set, else derived from this source file's location.
    public static var repositoryRoot: URL {
        if let root = ProcessInfo.processInfo.environment["WHARF_REPO_ROOT"], !root.isEmpty {
            return URL(filePath: root, directoryHint: .isDirectory)
        }
        // This file is <root>/Tests/TestSupport/TestDatabase.swift.
        return URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    private func drop(admin: PostgresConfiguration) async {
        await pool.close()
        try? await Self.runAdmin(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private static func runAdmin(_ admin: PostgresConfiguration, _ sql: String) async throws {
        // A one-connection pool of its own: the admin session must not count against the test's pool.
        let pool = PostgresPool(configuration: admin, size: 1)
        do {
            try await pool.execute(script: sql)
            await pool.close()
        } catch {
            await pool.close()
            throw error
        }
    }
}

/// Why a `TestDatabase` could not be provided.
public struct TestDatabaseError: Error, CustomStringConvertible {
    /// What went wrong and how to fix it.
    public let description: String

    init(_ description: String) { self.description = description }
}
