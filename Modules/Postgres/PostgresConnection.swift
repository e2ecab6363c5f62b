internal import Synchronization

/// A pooled connection lent to a `PostgresPool.withConnection` closure.
///
/// Promises: statements run in order on one server session (so session state such as `SET`, temporary tables and
/// advisory locks applies to later statements in the same closure). It must not be used after the closure
/// returns: every call then throws `.invalidUse`, because the connection may already serve someone else.
public final class PostgresConnection: PostgresQueryable {
    let link: ConnectionLink
    private let valid = Atomic<Bool>(true)

    init(link: ConnectionLink) {
        self.link = link
    }

    func invalidate() { valid.store(false, ordering: .releasing) }

    private func checkValid() throws(PostgresError) {
        guard valid.load(ordering: .acquiring) else {
            throw PostgresError(.invalidUse, message: "connection used after its closure returned")
        }
    }

    /// Runs one parameterised statement on this connection.
    public func query(_ sql: String, _ parameters: [PostgresValue]) async throws(PostgresError) -> PostgresRows {
        try await query(sql, parameters, preceding: [])
    }

    /// Runs one statement, preceded in the same round trip by `preceding`.
    func query(_ sql: String, _ parameters: [PostgresValue], preceding: [PipelineStep]) async throws(PostgresError) -> PostgresRows {
        try checkValid()
        return try await link.query(sql, parameters, preceding: preceding).get()
    }

    /// Runs parameterless, possibly multi-statement SQL text on this connection.
    @discardableResult
    public func execute(script: String) async throws(PostgresError) -> PostgresRows {
        try await execute(script: script, preceding: [])
    }

    /// Runs SQL text after `preceding`.
    func execute(script: String, preceding: [PipelineStep]) async throws(PostgresError) -> PostgresRows {
        try checkValid()
        return try await link.execute(script, preceding: preceding).get()
    }

    /// How many distinct statements this connection has prepared (each SQL text is prepared once).
    public var preparedStatementCount: Int {
        get async { await link.prepareCount() }
    }
}
