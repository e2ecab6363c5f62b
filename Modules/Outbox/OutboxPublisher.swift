public import EventBus
import Foundation
public import Kernel
import Postgres

/// Publishes into the outbox inside one transaction. Obtain it from `DurableEventBus.publisher(in:)`.
public struct OutboxPublisher: EventPublisher {
    let bus: DurableEventBus
    let transaction: PostgresTransaction

    public func publish<E: IntegrationEvent>(_ event: E) async throws {
        let envelope = try EventEnvelope(event, id: bus.ids.next(), occurredAt: bus.clock.now())
        let subscribed = bus.hasSubscribers(E.name)
        bus.store.append(envelope, grace: bus.configuration.dispatchGrace, hasSubscribers: subscribed, in: transaction)
        bus.statistics.recordPublished()
        if subscribed && bus.configuration.dispatchAfterCommit {
            let bus = self.bus
            transaction.afterCommit { bus.dispatchSoon(envelope) }
        }
    }
}
