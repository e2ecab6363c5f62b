public import EventBus
public import Postgres

/// A subscriber's handler: it runs inside the transaction that also records the inbox row, so its effect
/// and "handled" commit together or not at all.
public typealias DurableHandler = @Sendable (EventEnvelope, PostgresTransaction) async throws -> Void

struct DurableSubscription: Sendable {
    let key: SubscriptionKey
    let isolation: PostgresIsolationLevel
    let handle: DurableHandler
}
