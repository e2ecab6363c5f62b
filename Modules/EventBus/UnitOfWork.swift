/// A bounded context's storage as one port: its repositories, and transactions in which they and the event
/// publisher work together, so a use case's changes and the events announcing them commit all or nothing.
///
/// A context declares only what it stores (`<C>Repositories`, a struct of repository ports) and takes
/// `any UnitOfWork<<C>Repositories>`. Dynamic member lookup reaches the repositories outside a transaction
/// (`store.orders`), as `Transaction` does inside one (`tx.orders`).
@dynamicMemberLookup
public protocol UnitOfWork<Repositories>: Sendable {
    /// The context's repository ports, e.g. `OrdersRepositories { orders, idempotencyKeys }`.
    associatedtype Repositories: Sendable

    /// The repositories outside any explicit transaction: each call commits on its own.
    var repositories: Repositories { get }

    /// Runs `body` in one transaction: commit on return, rollback on throw; events published through
    /// `Transaction.events` exist iff it commits. `body` may run more than once (a retried serialization failure
    /// or deadlock), so effects outside the store belong in `Transaction.afterCommit`.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Transaction<Repositories>) async throws -> T) async throws -> T
}

extension UnitOfWork {
    /// One of the repositories outside any explicit transaction (`store.orders` for `store.repositories.orders`).
    public subscript<Repository>(dynamicMember keyPath: KeyPath<Repositories, Repository>) -> Repository {
        repositories[keyPath: keyPath]
    }
}
