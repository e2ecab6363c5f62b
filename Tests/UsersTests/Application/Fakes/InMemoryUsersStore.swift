import EventBus
import Foundation
import Kernel
import Synchronization
import TestSupport
import UsersApplication
import UsersDomain

/// The Users store in memory. A transaction works on a copy of the state and publishes into a buffer; both
/// are applied only on commit, so a throwing use case leaves nothing behind, as with PostgreSQL.
final class InMemoryUsersStore: UsersStore {
    struct State: Sendable {
        var users: [UUID: User] = [:]
        var tokens: [UUID: RefreshToken] = [:]
        var failures: [String: [Date]] = [:]
    }

    let committed = StateBox()
    let bus: InMemoryEventBus
    /// Serialises transactions the way row locks would.
    private let gate = AsyncGate()

    init(bus: InMemoryEventBus = InMemoryEventBus()) { self.bus = bus }

    var users: any UserRepository { InMemoryUserRepository(box: committed) }
    var loginAttempts: any LoginAttemptRepository { InMemoryLoginAttempts(box: committed) }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any UsersTransaction) async throws -> T) async throws -> T {
        try await gate.run {
            let tx = InMemoryUsersTransaction(snapshot: self.committed.state)
            let result = try await body(tx)
            let result2 = tx.box.state
            self.committed.with { $0 = result2 }
            for event in tx.buffer.events { try await self.bus.deliver(event) }
            for action in tx.buffer.afterCommit { action() }
            return result
        }
    }
}

/// State that repositories read and write: the committed state, or a transaction's working copy.
final class StateBox: Sendable {
    private let storage: Mutex<InMemoryUsersStore.State>

    init(_ state: InMemoryUsersStore.State = .init()) { storage = Mutex(state) }

    var state: InMemoryUsersStore.State { with { $0 } }

    func with<T>(_ body: (inout InMemoryUsersStore.State) throws -> T) rethrows -> T {
        try storage.withLock { try body(&$0) }
    }
}

final class InMemoryUsersTransaction: UsersTransaction {
    final class Buffer: @unchecked Sendable {
        var events: [EventEnvelope] = []
        var afterCommit: [@Sendable () -> Void] = []
    }

    let box: StateBox
    let buffer = Buffer()

    init(snapshot: InMemoryUsersStore.State) { box = StateBox(snapshot) }

    var users: any UserRepository { InMemoryUserRepository(box: box) }
    var refreshTokens: any RefreshTokenRepository { InMemoryRefreshTokens(box: box) }
    var loginAttempts: any LoginAttemptRepository { InMemoryLoginAttempts(box: box) }
    var events: any EventPublisher { BufferedPublisher(buffer: buffer) }
    func afterCommit(_ action: @escaping @Sendable () -> Void) { buffer.afterCommit.append(action) }
}

struct BufferedPublisher: EventPublisher {
    let buffer: InMemoryUsersTransaction.Buffer
    func publish<E: IntegrationEvent>(_ event: E) async throws {
        buffer.events.append(try EventEnvelope(event, id: UUID(), occurredAt: Date()))
    }
}
