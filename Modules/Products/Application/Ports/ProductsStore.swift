public import EventBus

/// The Products context's storage: a repository for single statements (reads need no transaction), and units
/// of work whose events commit with their changes.
public protocol ProductsStore: Sendable {
    /// The repository outside any explicit transaction (each call commits on its own).
    var products: any ProductRepository { get }
    /// Runs `body` in one transaction: commit on return, rollback on throw.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any ProductsTransaction) async throws -> T) async throws -> T
}

/// The repository and the event publisher bound to one transaction.
public protocol ProductsTransaction: Sendable {
    var products: any ProductRepository { get }
    var events: any EventPublisher { get }
}
