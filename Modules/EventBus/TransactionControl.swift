/// What an implementation of `UnitOfWork` provides for one of its transactions besides the repositories:
/// `Transaction` forwards to it, so the generic transaction works the same over PostgreSQL and in memory.
public protocol TransactionControl: Sendable {
    /// The publisher whose events are delivered iff the transaction commits.
    var events: any EventPublisher { get }

    /// Registers `action` to run after the transaction commits (never if it rolls back), in registration order.
    func afterCommit(_ action: @escaping @Sendable () async -> Void)

    /// Runs `body`; when it throws, undoes what it changed and published in the transaction, then rethrows.
    func undoable<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T
}
