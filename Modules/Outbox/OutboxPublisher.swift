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
        // Claimed for in-process dispatch when this process can deliver it and its queue has room; otherwise left to
        // the relays of every process, which the commit's notification wakes.
        let dispatchHere = subscribed && bus.hasLocalSubscribers(E.name) && bus.mayDispatchHere()
        bus.store.append(envelope, claim: dispatchHere ? bus.configuration.lease : nil, hasSubscribers: subscribed,
                         notify: subscribed && !dispatchHere, in: transaction)
        bus.statistics.recordPublished()
        if dispatchHere {
            let bus = self.bus
            transaction.afterCommit { bus.dispatchSoon(envelope) }
        }
    }
}
