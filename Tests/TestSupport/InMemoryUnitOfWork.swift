public import EventBus

/// A context's `UnitOfWork` in memory, for application tests: the state is one value (`State`), the repositories
/// are built on it by the context's fake (`makeRepositories`).
///
/// Promises, as PostgreSQL keeps them: transactions run one at a time (as row locks would serialise them), each on
/// a copy of the state that replaces it only on commit, so a throwing use case leaves nothing behind; their events
/// reach `bus` only after commit (outside the one-at-a-time gate, so handlers may open transactions of their
/// own), then the after-commit actions run; `undoable` restores the working copy and the events published.
public final class InMemoryUnitOfWork<State: Sendable, Repositories: Sendable>: UnitOfWork {
    /// Builds the context's in-memory repositories in `scope`.
    public typealias MakeRepositories = @Sendable (InMemoryScope<State>) -> Repositories

    /// The committed state.
    public let state: Locked<State>
    /// Where committed events are delivered.
    public let bus: InMemoryEventBus
    private let makeRepositories: MakeRepositories
    private let gate = AsyncGate()

    /// A unit of work starting from `initial`, delivering to `bus`.
    public init(_ initial: State, bus: InMemoryEventBus = InMemoryEventBus(),
                repositories makeRepositories: @escaping MakeRepositories) {
        self.state = Locked(initial)
        self.bus = bus
        self.makeRepositories = makeRepositories
    }

    public var repositories: Repositories {
        makeRepositories(InMemoryScope(state: state, committed: state, transaction: nil))
    }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Transaction<Repositories>) async throws -> T) async throws -> T {
        let (result, control) = try await gate.run {
            let control = InMemoryTransactionControl(working: Locked(self.state.snapshot))
            defer { control.end() }
            let repositories = self.makeRepositories(InMemoryScope(state: control.working, committed: self.state, transaction: control))
            let result = try await body(Transaction(repositories: repositories, control: control))
            self.state.replace(control.working.snapshot)
            return (result, control)
        }
        for event in control.published { try await bus.deliver(event) }
        for action in control.afterCommitActions { await action() }
        return result
    }
}
