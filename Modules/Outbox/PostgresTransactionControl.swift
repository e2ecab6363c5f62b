import EventBus
import Postgres

/// What a `PostgresUnitOfWork` transaction offers besides its repositories: the outbox publisher, savepoints and
/// the pool's after-commit hooks.
struct PostgresTransactionControl: TransactionControl {
    let transaction: PostgresTransaction
    let bus: DurableEventBus

    var events: any EventPublisher { bus.publisher(in: transaction) }

    func afterCommit(_ action: @escaping @Sendable () async -> Void) {
        transaction.afterCommit(action)
    }

    /// A savepoint around `body`: rolled back to when it throws, released when it returns.
    func undoable<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await transaction.savepoint("undoable")
        do {
            let value = try await body()
            try await transaction.release(savepoint: "undoable")
            return value
        } catch {
            try await transaction.rollback(toSavepoint: "undoable")
            throw error
        }
    }
}
