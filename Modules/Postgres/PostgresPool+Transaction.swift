/// Units of work with automatic retry.
extension PostgresPool {
    /// Runs `body` in a transaction on one connection: COMMIT when it returns, ROLLBACK when it throws (the error is
    /// rethrown). On a serialization failure (40001) or deadlock (40P01) — from the body or from COMMIT itself —
    /// the whole body runs again on a fresh transaction after a short jittered backoff, up to `maxAttempts` runs in
    /// all; the last such failure is rethrown. A lost connection is never retried (the connection is discarded).
    /// After a successful COMMIT the hooks registered with `afterCommit` in the committed attempt run, in order.
    ///
    /// `body` may run several times, so it should have no effects outside the database before it returns
    /// (register them with `afterCommit` instead).
    nonisolated(nonsending)
    public func transaction<T>(
        isolation: PostgresIsolationLevel = .readCommitted, maxAttempts: Int = 5,
        _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await runTransaction(isolation: isolation, attempt: attempt, body)
            } catch let error as PostgresError where error.isRetryableTransactionFailure && attempt < maxAttempts {
                try await Task.sleep(for: Self.backoff(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    /// Roughly 2, 4, 8, … ms, capped at 100 ms, each scaled by a random factor in [0.5, 1.5) so that transactions
    /// that collided once do not collide again in lock step.
    static func backoff(afterAttempt attempt: Int) -> Duration {
        let base = min(100.0, 2.0 * Double(1 << min(attempt - 1, 10)))
        return .microseconds(Int64(base * Double.random(in: 0.5..<1.5) * 1000))
    }

    nonisolated(nonsending)
    private func runTransaction<T>(
        isolation: PostgresIsolationLevel, attempt: Int, _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        let link = try await acquireLink()
        let transaction = PostgresTransaction(
            connection: PostgresConnection(link: link), isolation: isolation, attempt: attempt)
        let value: T
        do {
            value = try await body(transaction)
            // A body that caught a statement's failure and returned anyway must not commit what is left.
            if let first = transaction.firstFailure { throw PostgresTransaction.aborted(after: first) }
            transaction.invalidate()
            // BEGIN travels with the first statement and queued statements with COMMIT; a body that ran and
            // queued nothing has nothing to commit.
            let commit: PostgresRows
            if let steps = transaction.stepsBeforeCommit() {
                commit = try await link.runUncancellable(steps + [.text("COMMIT")]).get()
            } else {
                commit = PostgresRows(storage: .empty, affectedRows: 0, commandTag: "COMMIT")
            }
            // COMMIT of a transaction that already failed (an error the body caught and swallowed) "succeeds"
            // with the tag ROLLBACK: the work is lost, so the caller must hear about it.
            if commit.commandTag == "ROLLBACK" {
                throw PostgresError(
                    .other, sqlState: "25P02",
                    message: "transaction was rolled back at COMMIT because a statement in it had failed")
            }
        } catch {
            transaction.invalidate()
            if !link.isBroken, link.isInTransaction { _ = await link.execute("ROLLBACK", cancellable: false) }
            await release(link)
            throw error
        }
        await release(link)
        for hook in transaction.takeHooks() { await hook() }
        return value
    }
}
