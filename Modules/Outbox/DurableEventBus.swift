import EventBus
import Foundation
public import Kernel
public import Logging
public import Postgres
import Synchronization

/// The in-process, durable event bus (docs/adr/0003-outbox-inbox.md).
///
/// Publishing appends to `messaging.outbox` in the publisher's transaction. After that transaction commits,
/// the event is handed to every subscriber in process; each subscriber handles it in its own transaction that
/// also inserts (event id, subscriber) into `messaging.inbox`, so a redelivery is skipped. Whatever is committed
/// but not yet handled (a crash, a failing handler) is delivered by the relay (`run()`), which claims events with
/// `FOR UPDATE SKIP LOCKED` and a lease, so several `wharf` processes can share the work.
/// Delivery is at least once; handling is effectively once.
public final class DurableEventBus: Sendable {
    let store: OutboxStore
    let configuration: DurableEventBusConfiguration
    let clock: Clock
    let ids: IDGenerator
    let logger: Logger
    private let pool: PostgresPool
    private let subscriptions = Mutex<[String: [DurableSubscription]]>([:])
    private let permits: DeliveryPermits
    /// What was delivered, skipped, failed and set aside; for `/metrics`.
    public let statistics = EventBusStatistics()

    public init(pool: PostgresPool, configuration: DurableEventBusConfiguration = .init(), clock: Clock = .system,
                ids: IDGenerator = .v7(), logger: Logger) {
        self.pool = pool
        self.store = OutboxStore(pool: pool)
        self.configuration = configuration
        self.clock = clock
        self.ids = ids
        self.logger = logger
        self.permits = DeliveryPermits(configuration.maxConcurrentDeliveries ?? max(1, pool.size / 2))
    }

    /// The publisher for use cases running in `transaction`: events it takes exist iff the transaction commits.
    public func publisher(in transaction: PostgresTransaction) -> OutboxPublisher {
        OutboxPublisher(bus: self, transaction: transaction)
    }

    /// Registers `handler` for events of type `E` under the stable name `subscriber` (it keys the inbox).
    /// Register everything before the first event is published: an event published while nothing subscribes to
    /// its name is stored as completed and never delivered. A second registration of one pair throws.
    public func subscribe<E: IntegrationEvent>(
        _ type: E.Type, as subscriber: String, isolation: PostgresIsolationLevel = .readCommitted,
        _ handler: @escaping @Sendable (E, PostgresTransaction) async throws -> Void
    ) throws {
        let subscription = DurableSubscription(
            key: SubscriptionKey(event: E.name, subscriber: subscriber), isolation: isolation,
            handle: { envelope, transaction in try await handler(envelope.decode(as: E.self), transaction) })
        try subscriptions.withLock { table in
            if table[E.name, default: []].contains(where: { $0.key.subscriber == subscriber }) {
                throw EventBusError.duplicateSubscription(event: E.name, subscriber: subscriber)
            }
            table[E.name, default: []].append(subscription)
        }
    }

    /// Whether any subscriber is registered for events named `name`.
    func hasSubscribers(_ name: String) -> Bool { subscriptions.withLock { !($0[name]?.isEmpty ?? true) } }

    /// The relay: delivers due events until the task is cancelled. Run it as a service next to the HTTP server.
    public func run() async {
        logger.info("event relay started")
        while !Task.isCancelled {
            let delivered = await deliverDueLogged()
            // A full batch means more may be waiting: go again at once; otherwise wait for the next poll.
            if delivered < configuration.batchSize {
                try? await Task.sleep(for: configuration.pollInterval)
            }
        }
        logger.info("event relay stopped")
    }

    /// One relay pass: claims due events and delivers each; returns how many it claimed.
    @discardableResult
    public func deliverDue() async throws -> Int {
        let due = try await store.claimDue(limit: configuration.batchSize, lease: configuration.lease)
        for envelope in due { await deliver(envelope) }
        return due.count
    }

    private func deliverDueLogged() async -> Int {
        do { return try await deliverDue() } catch {
            logger.error("event relay pass failed", ["error": "\(error)"])
            return 0
        }
    }

    func dispatchSoon(_ envelope: EventEnvelope) {
        Task { await self.deliver(envelope) }
    }

    /// Hands `envelope` to each subscriber once; marks it complete when all succeeded, else schedules a retry.
    /// At most `maxConcurrentDeliveries` run at once; the others wait their turn.
    func deliver(_ envelope: EventEnvelope) async {
        await permits.acquire()
        await deliverNow(envelope)
        await permits.release()
    }

    private func deliverNow(_ envelope: EventEnvelope) async {
        let targets = subscriptions.withLock { $0[envelope.name] ?? [] }
        var failures: [String] = []
        var completed = false
        for (index, subscription) in targets.enumerated() {
            // When every earlier subscriber succeeded, the last one's transaction also marks the event complete:
            // one commit less per event, and the mark commits only with that last effect.
            let completesEvent = index == targets.count - 1 && failures.isEmpty
            do {
                let handled = try await pool.transaction(isolation: subscription.isolation) { transaction in
                    if completesEvent { self.store.complete(envelope.id, in: transaction) }
                    guard try await self.store.markHandled(envelope.id, by: subscription.key.subscriber, in: transaction) else {
                        return false
                    }
                    try await subscription.handle(envelope, transaction)
                    return true
                }
                completed = completesEvent
                if handled { statistics.recordDelivered() } else { statistics.recordDuplicate() }
            } catch {
                statistics.recordFailure()
                failures.append("\(subscription.key.subscriber): \(error)")
                logger.error("event handler failed", ["event": envelope.name, "event_id": envelope.id.lowercased,
                                                      "subscriber": subscription.key.subscriber, "error": "\(error)"])
            }
        }
        do {
            if completed { return }
            if failures.isEmpty {
                try await store.complete(envelope.id)
            } else if try await store.fail(envelope.id, error: failures.joined(separator: "; "),
                                           maxAttempts: configuration.maxAttempts,
                                           backoff: configuration.backoff(afterAttempts:)) {
                statistics.recordDead()
                logger.error("event set aside after repeated failures", ["event": envelope.name, "event_id": envelope.id.lowercased])
            }
        } catch {
            // The claim's lease expires and the relay tries again; nothing is lost.
            logger.error("could not record event delivery", ["event_id": envelope.id.lowercased, "error": "\(error)"])
        }
    }
}
