import EventBus
public import Foundation
public import Kernel
public import Logging
public import Postgres
import Synchronization

/// The in-process, durable event bus (docs/adr/0003-outbox-inbox.md, docs/adr/0015-order-pipeline-under-load.md).
///
/// Publishing appends to `messaging.outbox` in the publisher's transaction, claimed for a short lease by this
/// process. After that transaction commits, the event is handed to every subscriber in process; each subscriber
/// handles it in its own transaction that also inserts (event id, subscriber) into `messaging.inbox`, so a
/// redelivery is skipped. While a delivery runs its claim is renewed (a heartbeat); whatever is committed but not
/// handled — a crash, a failing handler, an event left unclaimed because the in-process queue was full — is
/// delivered by the relay (`run()`) of any process, which claims due events with `FOR UPDATE SKIP LOCKED`. An event
/// is complete when every subscriber registered by any live process has handled it. Delivery is at least once;
/// handling is effectively once.
public final class DurableEventBus: Sendable {
    let store: OutboxStore
    let configuration: DurableEventBusConfiguration
    let clock: Clock
    let ids: IDGenerator
    let logger: Logger
    /// Where handlers run their transactions: the bus's own pool, so handlers never wait behind HTTP requests and a
    /// handler's nested facade call (on the shared pool) never waits behind other handlers.
    private let deliveryPool: PostgresPool
    private let subscriptions = Mutex<[String: [DurableSubscription]]>([:])
    /// Subscribers registered by every live process (`messaging.subscriptions`), by event name.
    private let registered = Mutex<[String: Set<String>]>([:])
    /// Events this process holds a claim on (queued for dispatch or being delivered); the heartbeat renews them.
    private let claimed = Mutex<Set<UUID>>([])
    private let queuedDispatches = Atomic<Int>(0)
    private let sampledBacklog = Mutex(EventBacklog(events: 0, oldestAge: .zero))
    private let doorbell = RelayDoorbell()
    private let permits: DeliveryPermits
    /// What was delivered, skipped, failed and set aside; for `/metrics`.
    public let statistics = EventBusStatistics()

    /// A bus on `pool`; handlers run on `deliveryPool` when given (else on `pool`, with at most half its connections).
    public init(pool: PostgresPool, deliveryPool: PostgresPool? = nil, configuration: DurableEventBusConfiguration = .init(),
                clock: Clock = .system, ids: IDGenerator = .v7(), logger: Logger) {
        self.store = OutboxStore(pool: pool)
        self.deliveryPool = deliveryPool ?? pool
        self.configuration = configuration
        self.clock = clock
        self.ids = ids
        self.logger = logger
        let defaultPermits = deliveryPool.map(\.size) ?? max(1, pool.size / 2)
        self.permits = DeliveryPermits(configuration.maxConcurrentDeliveries ?? defaultPermits)
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
        try subscribe(type, as: subscriber, isolation: isolation) { event, _, transaction in try await handler(event, transaction) }
    }

    /// As `subscribe(_:as:isolation:_:)`, also handing over the event's id: the same on every redelivery of one
    /// event, so a handler can derive from it what must not change between attempts (a mail's `Message-ID`).
    public func subscribe<E: IntegrationEvent>(
        _ type: E.Type, as subscriber: String, isolation: PostgresIsolationLevel = .readCommitted,
        _ handler: @escaping @Sendable (E, UUID, PostgresTransaction) async throws -> Void
    ) throws {
        let subscription = DurableSubscription(
            key: SubscriptionKey(event: E.name, subscriber: subscriber), isolation: isolation,
            handle: { envelope, transaction in try await handler(envelope.decode(as: E.self), envelope.id, transaction) })
        try subscriptions.withLock { table in
            if table[E.name, default: []].contains(where: { $0.key.subscriber == subscriber }) {
                throw EventBusError.duplicateSubscription(event: E.name, subscriber: subscriber)
            }
            table[E.name, default: []].append(subscription)
        }
    }

    /// Whether this process subscribes to events named `name`.
    func hasLocalSubscribers(_ name: String) -> Bool { subscriptions.withLock { !($0[name]?.isEmpty ?? true) } }

    /// Whether any live process subscribes to events named `name`.
    func hasSubscribers(_ name: String) -> Bool {
        hasLocalSubscribers(name) || registered.withLock { !($0[name]?.isEmpty ?? true) }
    }

    /// The backlog as last sampled by the relay: undelivered events and the age of the oldest. Zero until `run()`
    /// has sampled it.
    public var backlog: EventBacklog { sampledBacklog.withLock { $0 } }

    /// Events waiting for, or in, in-process dispatch now.
    public var queuedForDispatch: Int { queuedDispatches.load(ordering: .relaxed) }

    /// The relay, the heartbeat and the wake-up listener, until the task is cancelled. Run it as a service next to
    /// the HTTP server.
    public func run() async {
        logger.info("event relay started")
        await refreshSubscriptions()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.relay() }
            group.addTask { await self.heartbeat() }
            group.addTask { await self.sampleBacklog() }
            group.addTask { await self.listen() }
            await group.waitForAll()
        }
        logger.info("event relay stopped")
    }

    private func relay() async {
        while !Task.isCancelled {
            let delivered = await deliverDueLogged()
            // A full batch means more may be waiting: go again at once; otherwise wait for the next poll or a ring.
            if delivered < configuration.batchSize { await doorbell.wait(upTo: configuration.pollInterval) }
        }
    }

    /// Renews this process's claims every third of a lease and refreshes the subscription registry, until
    /// cancelled. Nothing else runs in this loop, so a slow backlog sample can never make a renewal late.
    private func heartbeat() async {
        var lastRegistration = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.lease / 3)
            let ids = claimed.withLock { Array($0) }
            do { try await store.renew(ids, lease: configuration.lease) } catch {
                logger.error("could not renew event claims", ["events": String(ids.count), "error": "\(error)"])
            }
            if ContinuousClock.now - lastRegistration >= configuration.subscriptionRefresh {
                lastRegistration = ContinuousClock.now
                await refreshSubscriptions()
            }
        }
    }

    /// Samples the backlog every `backlogSampleInterval` (what `backlog` answers), until cancelled.
    private func sampleBacklog() async {
        while !Task.isCancelled {
            do {
                let sample = try await store.backlog()
                sampledBacklog.withLock { $0 = sample }
            } catch {
                if !Task.isCancelled { logger.warning("could not sample the event backlog", ["error": "\(error)"]) }
            }
            try? await Task.sleep(for: configuration.backlogSampleInterval)
        }
    }

    /// Says which subscribers this process runs and learns which every live process runs.
    func refreshSubscriptions() async {
        let keys = subscriptions.withLock { $0.values.flatMap { $0.map(\.key) } }
        do {
            let live = try await store.register(keys, freshness: configuration.subscriptionFreshness)
            registered.withLock { $0 = live }
        } catch {
            logger.error("could not register subscriptions", ["error": "\(error)"])
        }
    }

    /// Rings the doorbell on every notification of an unclaimed event; polling covers any that is missed.
    private func listen() async {
        while !Task.isCancelled {
            do {
                for await _ in try await deliveryPool.listen(channel: OutboxStore.channel) { doorbell.ring() }
            } catch {
                logger.warning("event notifications unavailable; polling only", ["error": "\(error)"])
            }
            try? await Task.sleep(for: configuration.pollInterval * 10)
        }
    }

    /// Deletes the events completed longer than `retention` ago and their inbox rows, `batchSize` events per
    /// statement (the event-retention job's work); events still pending and dead events are kept. Returns how many
    /// events it deleted.
    public func purgeCompletedEvents(olderThan retention: Duration, batchSize: Int = 1_000) async throws -> Int {
        try await store.purgeCompleted(before: clock.now().addingTimeInterval(-retention.seconds), batchSize: batchSize)
    }

    /// One relay pass: claims due events and delivers them concurrently (within the delivery permits); returns how
    /// many it claimed.
    @discardableResult
    public func deliverDue() async throws -> Int {
        let due = try await store.claimDue(limit: configuration.batchSize, lease: configuration.lease)
        claimed.withLock { $0.formUnion(due.map(\.id)) }
        await withTaskGroup(of: Void.self) { group in
            for envelope in due { group.addTask { await self.deliverClaimed(envelope) } }
        }
        return due.count
    }

    private func deliverDueLogged() async -> Int {
        do { return try await deliverDue() } catch {
            logger.error("event relay pass failed", ["error": "\(error)"])
            return 0
        }
    }

    /// Whether a new event may be claimed for in-process dispatch: the queue has room. (Transactions still open
    /// may each add one more: the bound is soft by at most the pool's size.)
    func mayDispatchHere() -> Bool {
        configuration.dispatchAfterCommit && queuedDispatches.load(ordering: .relaxed) < configuration.maxQueuedDispatches
    }

    /// After COMMIT: delivers an event this process claimed when it was published.
    func dispatchSoon(_ envelope: EventEnvelope) {
        queuedDispatches.add(1, ordering: .relaxed)
        claimed.withLock { _ = $0.insert(envelope.id) }
        Task {
            await self.deliverClaimed(envelope)
            self.queuedDispatches.subtract(1, ordering: .relaxed)
        }
    }

    private func deliverClaimed(_ envelope: EventEnvelope) async {
        await deliver(envelope)
        claimed.withLock { _ = $0.remove(envelope.id) }
    }

    /// Hands `envelope` to each local subscriber once; marks it complete when every registered subscriber has
    /// handled it, else schedules a retry (a failure) or gives it back to the relays (subscribers this process lacks).
    /// At most `maxConcurrentDeliveries` run at once; the others wait their turn.
    func deliver(_ envelope: EventEnvelope) async {
        await permits.acquire()
        await deliverNow(envelope)
        await permits.release()
    }

    private func handledEverywhere(_ eventID: UUID, elsewhere: Set<String>) async throws -> Bool {
        if elsewhere.isEmpty { return true }
        return try await store.handled(eventID, by: elsewhere) == elsewhere
    }

    private func deliverNow(_ envelope: EventEnvelope) async {
        let targets = subscriptions.withLock { $0[envelope.name] ?? [] }
        let elsewhere = registered.withLock { $0[envelope.name] ?? [] }.subtracting(targets.map(\.key.subscriber))
        var failures: [(subscriber: String, error: String)] = []
        var completed = false
        for (index, subscription) in targets.enumerated() {
            // When every earlier subscriber succeeded and no other process runs a subscriber of its own, the last one's
            // transaction also marks the event complete: one commit less per event, and the mark commits only with
            // that last effect.
            let completesEvent = index == targets.count - 1 && failures.isEmpty && elsewhere.isEmpty
            do {
                let handled = try await deliveryPool.transaction(isolation: subscription.isolation) { transaction in
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
                failures.append((subscription.key.subscriber, "\(error)"))
                logger.error("event handler failed", ["event": envelope.name, "event_id": envelope.id.lowercased,
                                                      "subscriber": subscription.key.subscriber, "error": "\(error)"])
            }
        }
        do {
            if completed { return }
            if !failures.isEmpty {
                if try await store.fail(envelope.id, failures: failures, maxAttempts: configuration.maxAttempts,
                                        backoff: configuration.backoff(afterAttempts:)) {
                    statistics.recordDead()
                    logger.error("event set aside after repeated failures", ["event": envelope.name, "event_id": envelope.id.lowercased])
                }
            } else if try await handledEverywhere(envelope.id, elsewhere: elsewhere) {
                try await store.complete(envelope.id)
            } else {
                // Another process runs a subscriber this one lacks (a rolling deploy): leave the event to its relay.
                try await store.release(envelope.id, retryAfter: configuration.pollInterval * 2)
            }
        } catch {
            // The claim's lease expires and a relay tries again; nothing is lost.
            logger.error("could not record event delivery", ["event_id": envelope.id.lowercased, "error": "\(error)"])
        }
    }
}
