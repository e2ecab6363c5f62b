internal import Synchronization

/// The handle a `PostgresPool.transaction` body runs its statements with.
///
/// Promises: every statement runs on the transaction's single connection inside `BEGIN … COMMIT`; hooks
/// registered with `afterCommit` run once, in registration order, only if this attempt's COMMIT succeeded; the
/// handle must not outlive the body: calls after the body returned or threw fail with `.invalidUse`.
///
/// Round trips: `BEGIN` is not sent on its own but with the first statement, and statements given to `enqueue`
/// wait for the next statement or for COMMIT; each such group is one libpq pipeline, one round trip.
public final class PostgresTransaction: PostgresQueryable {
    /// The isolation level the transaction was started with.
    public let isolation: PostgresIsolationLevel
    /// Which attempt this is (1 for the first run, higher after a serialization failure or deadlock).
    public let attempt: Int
    private let connection: PostgresConnection
    private let hooks = Mutex<[@Sendable () async -> Void]>([])
    /// What must reach the server before the next statement: `BEGIN` until the first one, then enqueued statements.
    private let pending: Mutex<[PipelineStep]>
    /// The first statement failure, until a rollback to a savepoint undoes it. PostgreSQL aborts a transaction on any
    /// error; a statement that failed before it was even sent (a statement that would not prepare) took the queued
    /// `BEGIN` and outbox rows with it, so letting the body go on would run the rest in autocommit without its events.
    /// Either way, once a statement failed every later one fails, and so does the commit.
    private let failure = Mutex<PostgresError?>(nil)

    init(connection: PostgresConnection, isolation: PostgresIsolationLevel, attempt: Int) {
        self.connection = connection
        self.isolation = isolation
        self.attempt = attempt
        self.pending = Mutex([.text("BEGIN ISOLATION LEVEL \(isolation.rawValue)")])
    }

    /// Runs one parameterised statement inside the transaction.
    public func query(_ sql: String, _ parameters: [PostgresValue]) async throws(PostgresError) -> PostgresRows {
        try checkNotFailed()
        do { return try await connection.query(sql, parameters, preceding: takePending()) } catch { throw recordFailure(error) }
    }

    /// Runs parameterless, possibly multi-statement SQL inside the transaction.
    @discardableResult
    public func execute(script: String) async throws(PostgresError) -> PostgresRows {
        try checkNotFailed()
        do { return try await connection.execute(script: script, preceding: takePending()) } catch { throw recordFailure(error) }
    }

    /// Sets a savepoint named `name` (an SQL identifier the caller chooses, never user input).
    public func savepoint(_ name: String) async throws(PostgresError) {
        try await execute(script: "SAVEPOINT \(name)")
    }

    /// Undoes everything since savepoint `name`, including a statement failure: the transaction goes on.
    public func rollback(toSavepoint name: String) async throws(PostgresError) {
        failure.withLock { $0 = nil }
        try await execute(script: "ROLLBACK TO SAVEPOINT \(name)")
    }

    /// Keeps what was done since savepoint `name` and forgets the savepoint.
    public func release(savepoint name: String) async throws(PostgresError) {
        try await execute(script: "RELEASE SAVEPOINT \(name)")
    }

    /// The statement failure that ended this transaction's usefulness, if any.
    var firstFailure: PostgresError? { failure.withLock { $0 } }

    private func checkNotFailed() throws(PostgresError) {
        if let first = firstFailure { throw Self.aborted(after: first) }
    }

    private func recordFailure(_ error: PostgresError) -> PostgresError {
        failure.withLock { if $0 == nil { $0 = error } }
        return error
    }

    static func aborted(after first: PostgresError) -> PostgresError {
        PostgresError(.other, sqlState: "25P02",
                      message: "current transaction is aborted by an earlier failure (\(first.message)); statements are refused until it ends")
    }

    /// Queues a statement whose result the caller does not need (an outbox row, an audit row): it is sent with the
    /// next statement or with COMMIT, in the same round trip. Its failure fails that statement or the COMMIT, so
    /// the transaction still commits all or nothing.
    public func enqueue(_ sql: String, _ parameters: [PostgresValue]) {
        pending.withLock { $0.append(.prepared(sql, parameters)) }
    }

    /// Registers `hook` to run after this transaction commits (not on rollback, not for attempts that are retried).
    /// Hooks run after the connection is back in the pool, so they may use the pool themselves.
    public func afterCommit(_ hook: @escaping @Sendable () async -> Void) {
        hooks.withLock { $0.append(hook) }
    }

    private func takePending() -> [PipelineStep] {
        pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }

    /// What COMMIT must carry; nil when nothing at all was sent or queued (no BEGIN either), so nothing to commit.
    func stepsBeforeCommit() -> [PipelineStep]? {
        let steps = takePending()
        if steps.count == 1, case .text = steps[0] { return nil }
        return steps
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
