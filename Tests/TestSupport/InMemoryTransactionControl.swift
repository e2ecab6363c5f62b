import EventBus
import Foundation
import Kernel
import Synchronization

/// One in-memory transaction's bookkeeping: its working copy of the state, the events it published (delivered
/// only after commit), what runs after commit and what runs when it ends.
final class InMemoryTransactionControl<State: Sendable>: TransactionControl {
    private struct Log {
        var events: [EventEnvelope] = []
        var afterCommit: [@Sendable () async -> Void] = []
        var whenEnded: [@Sendable () -> Void] = []
    }

    let working: Locked<State>
    private let log = Mutex(Log())

    init(working: Locked<State>) { self.working = working }

    var events: any EventPublisher { BufferedPublisher(control: self) }

    func afterCommit(_ action: @escaping @Sendable () async -> Void) {
        log.withLock { $0.afterCommit.append(action) }
    }

    /// Restores the working state and the published events as they were before `body` when it throws.
    func undoable<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let state = working.snapshot
        let published = log.withLock { $0.events }
        do {
            return try await body()
        } catch {
            working.replace(state)
            log.withLock { $0.events = published }
            throw error
        }
    }

    func whenEnded(_ action: @escaping @Sendable () -> Void) {
        log.withLock { $0.whenEnded.append(action) }
    }

    func record(_ envelope: EventEnvelope) {
        log.withLock { $0.events.append(envelope) }
    }

    /// The events published, in order.
    var published: [EventEnvelope] { log.withLock { $0.events } }

    /// The after-commit actions, in registration order.
    var afterCommitActions: [@Sendable () async -> Void] { log.withLock { $0.afterCommit } }

    /// Runs the actions registered with `whenEnded`, once.
    func end() {
        let actions = log.withLock { log in
            defer { log.whenEnded.removeAll() }
            return log.whenEnded
        }
        for action in actions { action() }
    }

    /// Publishes into the transaction's buffer.
    private struct BufferedPublisher: EventPublisher {
        let control: InMemoryTransactionControl

        func publish<E: IntegrationEvent>(_ event: E) async throws {
            control.record(try EventEnvelope(event, id: UUID(), occurredAt: Date()))
        }
    }
}
