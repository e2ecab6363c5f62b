public import Foundation
public import Kernel
public import Logging
import OrdersContracts
public import Outbox
import PaymentsApplication
public import PaymentsContracts
public import Postgres

/// Builds the Payments context for the composition root: its facade over PostgreSQL, the durable bus and the
/// configured provider, subscribed to `orders.order_cancelled.v1`.
public enum PaymentsModule {
    /// Which provider adapter takes the money.
    public enum Provider: Sendable, Equatable {
        /// No network; outcomes come from webhooks (`wharf simulate-payment`).
        case sandbox
        /// Stripe's API (or a server speaking it) at `baseURL`.
        case stripe(apiKey: String, baseURL: URL)
    }

    public struct Settings: Sendable {
        public var webhookSecret: String
        public var previousWebhookSecret: String?
        public var provider: Provider
        /// How long a payment stays `pending` before reconciliation asks the provider about it.
        public var reconcileAfter: Duration
        /// The pause between reconciliation passes.
        public var reconcileInterval: Duration
        /// Stripe adapter: attempts per request and the first backoff (doubling).
        public var providerAttempts: Int
        public var providerBackoff: Duration

        public init(webhookSecret: String, previousWebhookSecret: String? = nil, provider: Provider = .sandbox,
                    reconcileAfter: Duration = .seconds(900), reconcileInterval: Duration = .seconds(60), providerAttempts: Int = 3, providerBackoff: Duration = .milliseconds(200)) {
            self.webhookSecret = webhookSecret
            self.previousWebhookSecret = previousWebhookSecret
            self.provider = provider
            self.reconcileAfter = reconcileAfter
            self.reconcileInterval = reconcileInterval
            self.providerAttempts = providerAttempts
            self.providerBackoff = providerBackoff
        }
    }

    /// The facade, the reconciliation job, the purge of old webhook events and of expired refund idempotency keys. Subscribes its handler of `OrderCancelled` on `bus` (as `payments.order_cancelled`), so call
    /// it once per bus, before events flow.
    public static func make(pool: PostgresPool, bus: DurableEventBus, settings: Settings, clock: Clock = .system,
                            logger: Logger) throws -> BoundedContext<any PaymentsFacade> {
        let provider: any PaymentProvider
        switch settings.provider {
        case .sandbox:
            provider = SandboxPaymentProvider()
        case .stripe(let apiKey, let baseURL):
            provider = StripePaymentProvider(client: StripeClient(baseURL: baseURL, apiKey: apiKey, maxAttempts: settings.providerAttempts,
                                                                  initialBackoff: settings.providerBackoff))
        }
        let store = PostgresUnitOfWork(pool: pool, bus: bus, repositories: PaymentsRepositories.init(on:))
        let service = PaymentsService(
            store: store, provider: provider,
            webhooks: StripeWebhooks(signature: WebhookSignature(secret: settings.webhookSecret, previous: settings.previousWebhookSecret)),
            reconciliation: ReconciliationPolicy(age: settings.reconcileAfter), clock: clock, logger: logger.named("payments"))
        try bus.subscribe(OrderCancelled.self, as: "payments.order_cancelled", in: store) { event, tx in
            try await service.orderCancelled(event, in: tx)
        }
        let reconciliation = BackgroundJob(name: "payments.reconciliation", every: settings.reconcileInterval) {
            try await service.reconcilePending()
        }
        // Webhook deduplication needs an event id only while the provider may still redeliver it.
        let webhookEvents = BackgroundJob(name: "payments.webhook_event_purge", every: .seconds(600)) {
            try await service.purgeOldWebhookEvents()
        }
        // Refund replays ignore expired keys already; the purge keeps the table from growing without bound.
        let idempotencyKeys = BackgroundJob(name: "payments.idempotency_key_purge", every: .seconds(600)) {
            try await service.purgeExpiredIdempotencyKeys()
        }
        return BoundedContext(facade: service, jobs: [reconciliation, webhookEvents, idempotencyKeys])
    }
}
