import Foundation
public import Kernel
import Synchronization

/// The bus for application-layer unit tests: publishing records the event and hands it straight to the
/// subscribers, each at most once per (event id, subscriber), like the durable inbox.
public final class InMemoryEventBus: EventPublisher {
    /// A handler of raw envelopes.
    public typealias Handler = @Sendable (EventEnvelope) async throws -> Void

    private struct State {
        var published: [EventEnvelope] = []
        var handlers: [String: [(subscriber: String, handle: Handler)]] = [:]
        var handled: Set<String> = []
    }

    private let state = Mutex(State())
    private let clock: Clock
    private let ids: IDGenerator

    public init(clock: Clock = .system, ids: IDGenerator = .v7()) {
        self.clock = clock
        self.ids = ids
    }

    /// Every envelope published so far, in order.
    public var published: [EventEnvelope] { state.withLock { $0.published } }

    /// The published events of type `E`, decoded.
    public func published<E: IntegrationEvent>(_ type: E.Type) -> [E] {
        published.filter { $0.name == E.name }.compactMap { try? $0.decode(as: E.self) }
    }

    /// Registers `handler` for `E` under `subscriber`.
    public func subscribe<E: IntegrationEvent>(_ type: E.Type, as subscriber: String,
                                               _ handler: @escaping @Sendable (E) async throws -> Void) throws {
        try state.withLock { state in
            if state.handlers[E.name, default: []].contains(where: { $0.subscriber == subscriber }) {
                throw EventBusError.duplicateSubscription(event: E.name, subscriber: subscriber)
            }
            state.handlers[E.name, default: []].append((subscriber, { try await handler($0.decode(as: E.self)) }))
        }
    }

    public func publish<E: IntegrationEvent>(_ event: E) async throws {
        try await deliver(EventEnvelope(event, id: ids.next(), occurredAt: clock.now()))
    }

    /// Delivers `envelope` (again, to test redelivery); subscribers that already handled it are skipped.
    public func deliver(_ envelope: EventEnvelope) async throws {
        let targets = state.withLock { state in
            if !state.published.contains(where: { $0.id == envelope.id }) { state.published.append(envelope) }
            return state.handlers[envelope.name, default: []]
        }
        for target in targets {
            let key = "\(envelope.id)|\(target.subscriber)"
            guard state.withLock({ !$0.handled.contains(key) }) else { continue }
            try await target.handle(envelope)
            state.withLock { _ = $0.handled.insert(key) }
        }
    }
}
