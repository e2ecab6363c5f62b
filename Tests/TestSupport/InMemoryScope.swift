/// Where an in-memory unit of work builds its repositories: on the committed state outside any transaction, or
/// on one transaction's working copy.
public struct InMemoryScope<State: Sendable>: Sendable {
    /// The state the repositories read and write.
    public let state: Locked<State>
    /// The committed state: `state` itself outside a transaction; inside one, what another writer would change
    /// (a test staging a race writes there, and a version check may consult it).
    public let committed: Locked<State>
    let transaction: InMemoryTransactionControl<State>?

    /// Whether the repositories are bound to a transaction.
    public var isTransaction: Bool { transaction != nil }

    /// Runs `action` when the transaction ends, whether it commits or not (releasing what it held, as the end of a
    /// PostgreSQL transaction releases its locks). Only inside a transaction.
    public func whenEnded(_ action: @escaping @Sendable () -> Void) {
        guard let transaction else { preconditionFailure("only a transaction ends") }
        transaction.whenEnded(action)
    }
}
