internal import Synchronization

/// The handle a `PostgresPool.transaction` body runs its statements with.
///
/// Promises: every statement runs on the transaction's single connection inside `BEGIN … COMMIT` (the `BEGIN`
/// travels with the first statement, so it costs no round trip of its own); hooks
/// registered with `afterCommit` run once, in registration order, only if this attempt's COMMIT succeeded; the
/// handle must not outlive the body: calls after the body returned or threw fail with `.invalidUse`.
public final class PostgresTransaction: PostgresQueryable {
    /// The isolation level the transaction was started with.
    public let isolation: PostgresIsolationLevel
    /// Which attempt this is (1 for the first run, higher after a serialization failure or deadlock).
    public let attempt: Int
    private let connection: PostgresConnection
    private let hooks = Mutex<[@Sendable () async -> Void]>([])
    /// Whether `BEGIN` has been sent (with the first statement). A body that ran no statement needs no COMMIT.
    private let begun = Mutex(false)

    init(connection: PostgresConnection, isolation: PostgresIsolationLevel, attempt: Int) {
        self.connection = connection
        self.isolation = isolation
        self.attempt = attempt
    }

    /// Runs one parameterised statement inside the transaction.
    public func query(_ sql: String, _ parameters: [PostgresValue]) async throws(PostgresError) -> PostgresRows {
        try await connection.query(sql, parameters, begin: takeBegin())
    }

    /// Runs parameterless, possibly multi-statement SQL inside the transaction.
    @discardableResult
    public func execute(script: String) async throws(PostgresError) -> PostgresRows {
        try await connection.execute(script: script, begin: takeBegin())
    }

    /// The `BEGIN` statement the first statement must carry, once; nil afterwards.
    private func takeBegin() -> String? {
        begun.withLock { begun in
            defer { begun = true }
            return begun ? nil : "BEGIN ISOLATION LEVEL \(isolation.rawValue)"
        }
    }

    /// True once a statement (and so `BEGIN`) was sent.
    var hasBegun: Bool { begun.withLock { $0 } }

    /// Registers `hook` to run after this transaction commits (not on rollback, not for attempts that are retried).
    /// Hooks run after the connection is back in the pool, so they may use the pool themselves.
    public func afterCommit(_ hook: @escaping @Sendable () async -> Void) {
        hooks.withLock { $0.append(hook) }
    }

    func invalidate() { connection.invalidate() }

    func takeHooks() -> [@Sendable () async -> Void] {
        hooks.withLock { hooks in
            defer { hooks.removeAll() }
            return hooks
        }
    }
}

/// A transaction isolation level.
public enum PostgresIsolationLevel: String, Sendable, Hashable, CaseIterable {
    /// Each statement sees data committed before it began (PostgreSQL's default).
    case readCommitted = "READ COMMITTED"
    /// All statements see one snapshot; concurrent updates to the same rows fail with 40001.
    case repeatableRead = "REPEATABLE READ"
    /// As if transactions ran one at a time; conflicts fail with 40001 and are retried.
    case serializable = "SERIALIZABLE"
}
