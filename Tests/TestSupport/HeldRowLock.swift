public import Postgres

/// A row lock held by a session of its own: `SELECT … FOR UPDATE` in a transaction left open until `release()`,
/// the way another process (or a slow transaction) would make every other session wait for that row.
///
/// Promises: `take` returns once the lock is held; the lock is let go at `release()` or after `holdAtMost`,
/// whichever comes first (so a test of the code that should time out fails instead of hanging); `isHeld` says
/// whether it is still held, so a test can assert that something happened *while* it was.
public final class HeldRowLock: Sendable {
    private let pool: PostgresPool
    private let signal: AsyncStream<Void>.Continuation
    private let holding: Task<Void, any Error>
    private let held: Locked<Bool>

    private init(pool: PostgresPool, signal: AsyncStream<Void>.Continuation, holding: Task<Void, any Error>, held: Locked<Bool>) {
        self.pool = pool
        self.signal = signal
        self.holding = holding
        self.held = held
    }

    /// Runs `sql` (a `SELECT … FOR UPDATE`) in a new transaction on a connection of its own, opened with
    /// `configuration`, and keeps that transaction open.
    public static func take(
        _ sql: String, _ parameters: [PostgresValue] = [], on configuration: PostgresConfiguration,
        holdAtMost: Duration = .seconds(30)
    ) async throws -> HeldRowLock {
        let pool = PostgresPool(configuration: configuration, size: 1)
        let (stream, signal) = AsyncStream<Void>.makeStream()
        let held = Locked(false)
        let holding = Task {
            try await pool.transaction { tx in
                _ = try await tx.query(sql, parameters)
                held.replace(true)
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { for await _ in stream {} }
                    group.addTask { try? await Task.sleep(for: holdAtMost) }
                    await group.next()
                    group.cancelAll()
                }
                // Cleared before COMMIT lets go: "held" is never claimed for a moment it was not.
                held.replace(false)
            }
        }
        let lock = HeldRowLock(pool: pool, signal: signal, holding: holding, held: held)
        let taken = await eventually { held.snapshot }
        guard taken else {
            await lock.release()
            try await holding.value
            throw TestDatabaseError("the row lock was not taken: \(sql)")
        }
        return lock
    }

    /// Whether the lock is still held.
    public var isHeld: Bool { held.snapshot }

    /// Lets the lock go (commits the holding transaction) and closes its connection.
    public func release() async {
        signal.finish()
        _ = try? await holding.value
        await pool.close()
    }
}
