/// One transaction of a `UnitOfWork`: the context's repositories bound to it, the publisher whose events commit
/// with it, and what the implementation offers besides (savepoints, after-commit actions). A use case's own, or
/// the one an event handler runs in together with its inbox row.
///
/// Dynamic member lookup reaches the repositories: `tx.orders` is `tx.repositories.orders`.
@dynamicMemberLookup
public struct Transaction<Repositories: Sendable>: Sendable {
    /// The repositories; every call runs inside this transaction.
    public let repositories: Repositories
    private let control: any TransactionControl

    /// A transaction of `control`'s implementation seen through `repositories` (which must be bound to it).
    public init(repositories: Repositories, control: any TransactionControl) {
        self.repositories = repositories
        self.control = control
    }

    /// One of the repositories (`tx.orders` for `tx.repositories.orders`).
    public subscript<Repository>(dynamicMember keyPath: KeyPath<Repositories, Repository>) -> Repository {
        repositories[keyPath: keyPath]
    }

    /// The publisher: what it takes is delivered iff this transaction commits.
    public var events: any EventPublisher { control.events }

    /// Runs `action` once the transaction has committed (never if it rolls back).
    public func afterCommit(_ action: @escaping @Sendable () async -> Void) {
        control.afterCommit(action)
    }

    /// Runs `body` so that when it throws, everything it did in the transaction (changes and events) is undone
    /// and the transaction goes on: how a use case that lost a version race runs again.
    public func undoable<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await control.undoable(body)
    }

    /// This transaction seen through other repositories bound to it (a test wrapping one to stage a race).
    public func replacing(repositories: Repositories) -> Transaction {
        Transaction(repositories: repositories, control: control)
    }
}
