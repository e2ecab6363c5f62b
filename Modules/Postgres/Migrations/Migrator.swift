public import Foundation

/// Applies the plain `.sql` files of one folder to the database, in file-name order, each exactly once.
///
/// Promises: each pending file runs in its own transaction together with its row in
/// `public.schema_migrations(version, checksum, applied_at)`, so a file is either fully applied and recorded or
/// not at all; an applied file that changed (SHA-256 of its bytes) or disappeared stops the run before anything
/// is applied; concurrent migrators (other processes too) serialise on a session advisory lock, so each file is
/// applied once. Files must not contain their own BEGIN/COMMIT or statements that cannot run in a transaction
/// (e.g. CREATE INDEX CONCURRENTLY).
public struct Migrator: Sendable {
    /// The pool whose configuration the migrator connects with (on a dedicated connection of its own).
    public let pool: PostgresPool
    /// The folder holding `NNNN_name.sql` files.
    public let directory: URL

    /// The advisory lock key every Wharf migrator takes ("WharfMig" in ASCII).
    public static let advisoryLockKey: Int = 0x5768_6172_664D_6967

    /// Creates a migrator for the `.sql` files in `directory`.
    public init(pool: PostgresPool, directory: URL) {
        self.pool = pool
        self.directory = directory
    }

    /// Applies every pending migration and returns the versions applied now (file names without `.sql`),
    /// in order; an empty list when the schema was up to date.
    @discardableResult
    public func migrate() async throws(MigrationError) -> [String] {
        let files = try MigrationFile.load(from: directory)
        // A dedicated connection: the session lock must cover the whole run and must not hold up the pool. The pool's
        // statement and lock timeouts are off on it: a migration may rewrite a big table, and waiting for another
        // process's migrators (the advisory lock) is the point; the idle-in-transaction limit still applies.
        var configuration = pool.configuration
        configuration.timeouts = configuration.timeouts.withoutStatementLimits
        let link: ConnectionLink
        switch await ConnectionLink.open(configuration, id: 0) {
        case .success(let opened): link = opened
        case .failure(let error): throw .failed(file: nil, error)
        }
        do {
            let applied = try await run(files, on: link)
            await link.close()
            return applied
        } catch {
            // Closing the session also releases the advisory lock.
            await link.close()
            throw error
        }
    }

    private func run(_ files: [MigrationFile], on link: ConnectionLink) async throws(MigrationError) -> [String] {
        try await bookkeeping(link.query("SELECT pg_advisory_lock($1)", [.int(Self.advisoryLockKey)]))
        try await bookkeeping(link.execute("""
            CREATE TABLE IF NOT EXISTS public.schema_migrations (
                version text PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """))
        let rows = try await bookkeeping(link.query("SELECT version, checksum FROM public.schema_migrations", []))
        var appliedChecksums: [String: String] = [:]
        for row in rows {
            do throws(PostgresError) {
                appliedChecksums[try row.decode(String.self, at: 0)] = try row.decode(String.self, at: 1)
            } catch {
                throw .failed(file: nil, error)
            }
        }
        let byVersion = Dictionary(files.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for (version, checksum) in appliedChecksums.sorted(by: { $0.key < $1.key }) {
            guard let file = byVersion[version] else { throw .missingFile(version: version) }
            guard file.checksum == checksum else {
                throw .checksumMismatch(file: file.fileName, applied: checksum, current: file.checksum)
            }
        }
        var applied: [String] = []
        for file in files where appliedChecksums[file.version] == nil {
            try await apply(file, on: link)
            applied.append(file.version)
        }
        try await bookkeeping(link.query("SELECT pg_advisory_unlock($1)", [.int(Self.advisoryLockKey)]))
        return applied
    }

    private func apply(_ file: MigrationFile, on link: ConnectionLink) async throws(MigrationError) {
        let result: Result<PostgresRows, PostgresError>
        switch await link.execute("BEGIN") {
        case .failure(let error): result = .failure(error)
        case .success:
            switch await link.execute(file.sql) {
            case .failure(let error): result = .failure(error)
            case .success:
                let insert = await link.query(
                    "INSERT INTO public.schema_migrations (version, checksum) VALUES ($1, $2)",
                    [.text(file.version), .text(file.checksum)])
                switch insert {
                case .failure(let error): result = .failure(error)
                case .success: result = await link.execute("COMMIT", cancellable: false)
                }
            }
        }
        if case .failure(let error) = result {
            if link.isInTransaction { _ = await link.execute("ROLLBACK", cancellable: false) }
            throw .failed(file: file.fileName, error)
        }
    }

    @discardableResult
    private func bookkeeping(_ result: Result<PostgresRows, PostgresError>) throws(MigrationError) -> PostgresRows {
        switch result {
        case .success(let rows): return rows
        case .failure(let error): throw .failed(file: nil, error)
        }
    }
}
