internal import Synchronization

/// A bounded pool of PostgreSQL connections, each served by its own OS thread.
///
/// Promises: at most `size` connections, opened on demand (or by `warmUp()`); callers waiting for one are
/// served first come, first served and fail with `.poolTimeout` after `configuration.acquireTimeout`; a broken
/// connection is closed and never lent again (a later acquire opens a replacement); a connection returned with
/// an open transaction is rolled back before reuse; after `close()` every acquire fails with `.poolClosed`.
///
/// ```swift
/// let pool = PostgresPool(configuration: try .fromEnvironment())
/// let row = try await pool.queryFirst("SELECT name FROM users WHERE id = $1", [.uuid(id)])
/// let name = try row?.decode(String.self, column: "name")
/// try await pool.transaction(isolation: .serializable) { tx in
///     try await tx.execute("UPDATE accounts SET balance = balance - $1 WHERE id = $2", [.int(5), .uuid(id)])
///     tx.afterCommit { await bus.wake() }
/// }
/// ```
public final class PostgresPool: PostgresQueryable {
    /// The configuration connections are opened with.
    public let configuration: PostgresConfiguration
    /// The maximum number of connections.
    public let size: Int
    let state: Mutex<PoolState>

    /// Creates a pool of at most `size` connections (default `configuration.poolSize`); nothing is opened yet.
    public init(configuration: PostgresConfiguration, size: Int? = nil) {
        self.configuration = configuration
        self.size = max(1, size ?? configuration.poolSize)
        self.state = Mutex(PoolState(size: self.size))
    }

    /// Opens connections until `count` (default: all `size`) are open, so the first requests do not pay for it.
    /// Throws the first connection failure.
    public func warmUp(_ count: Int? = nil) async throws(PostgresError) {
        var links: [ConnectionLink] = []
        var failure: PostgresError?
        for _ in 0..<min(count ?? size, size) {
            let free = state.withLock { $0.open < $0.size && $0.idle.count + $0.inUse < $0.size }
            guard free else { break }
            do { links.append(try await acquireLink()) } catch {
                failure = error
                break
            }
        }
        for link in links { await release(link) }
        if let failure { throw failure }
    }

    /// Counters for metrics.
    public var stats: PostgresPoolStats {
        state.withLock { s in
            PostgresPoolStats(
                size: s.size, open: s.open, inUse: s.inUse, idle: s.idle.count, waiting: s.waiters.count,
                totalAcquired: s.totalAcquired, timeouts: s.timeouts, replaced: s.replaced)
        }
    }

    /// Runs one statement on any free connection (autocommit).
    public func query(_ sql: String, _ parameters: [PostgresValue]) async throws(PostgresError) -> PostgresRows {
        let link = try await acquireLink()
        let result = await link.query(sql, parameters)
        await release(link)
        return try result.get()
    }

    /// Runs parameterless, possibly multi-statement SQL on any free connection.
    @discardableResult
    public func execute(script: String) async throws(PostgresError) -> PostgresRows {
        let link = try await acquireLink()
        let result = await link.execute(script)
        await release(link)
        return try result.get()
    }

    /// Lends one connection to `body` for several statements on the same session, and takes it back afterwards
    /// (even when `body` throws). The connection must not be used after `body` returns.
    nonisolated(nonsending)
    public func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let link = try await acquireLink()
        let connection = PostgresConnection(link: link)
        do {
            let value = try await body(connection)
            connection.invalidate()
            await release(link)
            return value
        } catch {
            connection.invalidate()
            await release(link)
            throw error
        }
    }

    /// Stops lending connections: waiters fail with `.poolClosed`, idle connections are closed now and lent ones
    /// when they come back.
    public func close() async {
        let (links, wakes) = state.withLock { s -> ([ConnectionLink], [PoolState.Wake]) in
            s.closed = true
            let links = s.idle
            s.idle.removeAll()
            s.open -= links.count
            let wakes = s.waiters.map {
                PoolState.Wake(
                    continuation: $0.continuation, grant: .failure(Self.closedError), timer: $0.timer)
            }
            s.waiters.removeAll()
            return (links, wakes)
        }
        wakes.forEach { $0.resume() }
        for link in links { await link.close() }
    }

    static let closedError = PostgresError(.poolClosed, message: "the connection pool is closed")
}
