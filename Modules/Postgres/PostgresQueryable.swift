/// Something statements can be run on: a pool, a lent connection, or a transaction.
///
/// Promises: `query` binds `parameters` as `$1…$n` out of band (never spliced into the SQL text) and prepares each
/// distinct SQL text once per connection; `execute(script:)` runs parameterless SQL that may hold several
/// statements. Write repository code against this protocol so it runs inside or outside a transaction.
public protocol PostgresQueryable: Sendable {
    /// Runs one statement with positional parameters and returns its rows and command tag.
    func query(_ sql: String, _ parameters: [PostgresValue]) async throws(PostgresError) -> PostgresRows

    /// Runs parameterless SQL text, possibly several `;`-separated statements, returning the last result.
    @discardableResult
    func execute(script: String) async throws(PostgresError) -> PostgresRows
}

extension PostgresQueryable {
    /// Runs one statement without parameters.
    public func query(_ sql: String) async throws(PostgresError) -> PostgresRows {
        try await query(sql, [])
    }

    /// Runs one statement and returns only the number of affected rows (INSERT/UPDATE/DELETE).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) async throws(PostgresError) -> Int {
        try await query(sql, parameters).affectedRows
    }

    /// Runs one statement and returns its first row, or nil when it returned none.
    public func queryFirst(_ sql: String, _ parameters: [PostgresValue] = []) async throws(PostgresError) -> PostgresRow? {
        try await query(sql, parameters).first
    }
}
