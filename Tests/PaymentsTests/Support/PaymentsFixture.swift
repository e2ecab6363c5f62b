import Foundation
import Kernel
import Logging
import Outbox
import PaymentsContracts
import PaymentsInfrastructure
import Postgres
import TestSupport

/// The Payments context on a fresh, migrated database with the real durable bus, as the container builds it.
struct PaymentsFixture: Sendable {
    static let secret = "whsec_fixture_secret_0123456"
    static let amount = Money(amount: 1999, currency: .eur)

    let db: TestDatabase
    let bus: DurableEventBus
    let payments: any PaymentsFacade
    let logs: Logger.Capture

    static func run(provider: PaymentsModule.Provider = .sandbox, reconcileAfter: Duration = .seconds(900),
                    _ body: (PaymentsFixture) async throws -> Void) async throws {
        try await TestDatabase.withFresh(poolSize: 8) { db in
            try await db.migrate()
            var configuration = DurableEventBusConfiguration()
            configuration.initialBackoff = .milliseconds(10)
            configuration.maxBackoff = .milliseconds(50)
            let logs = Logger.Capture()
            let logger = Logger(label: "test", minimumLevel: .debug, sink: logs.sink)
            let bus = DurableEventBus(pool: db.pool, configuration: configuration, logger: logger)
            let payments = try PaymentsModule.make(
                pool: db.pool, bus: bus,
                settings: .init(webhookSecret: secret, provider: provider, reconcileAfter: reconcileAfter,
                                providerAttempts: 3, providerBackoff: .milliseconds(1)),
                logger: logger).facade
            let relay = Task { await bus.run() }
            defer { relay.cancel() }
            try await body(PaymentsFixture(db: db, bus: bus, payments: payments, logs: logs))
        }
    }

    /// Requests the payment of a new order and returns it.
    func newPayment(amount: Money = Self.amount, customerId: UUID = UUID()) async throws -> PaymentDTO {
        let id = try await payments.requestPayment(RequestPayment(orderId: UUID(), customerId: customerId, amount: amount))
        return try await payment(id)
    }

    func payment(_ id: UUID) async throws -> PaymentDTO { try await payments.payment(id: id, caller: Caller(userId: UUID(), roles: [.staff])) }

    /// A signed delivery of `outcome` for `payment`, as the provider would send it.
    func delivery(_ outcome: SimulatedPaymentEvent.Outcome, for payment: PaymentDTO, eventId: String = "evt_\(UUID().uuidString)",
                  amount: Money? = nil) throws -> (body: [UInt8], signature: String) {
        let now = Int64(Date().timeIntervalSince1970)
        let body = try SimulatedPaymentEvent(eventId: eventId, outcome: outcome, paymentId: payment.id, orderId: payment.orderId,
                                             providerReference: payment.providerReference ?? "", amount: amount ?? payment.amount,
                                             created: now).body()
        return (body, WebhookSignature(secret: Self.secret).header(payload: body, timestamp: now))
    }

    func deliver(_ outcome: SimulatedPaymentEvent.Outcome, for payment: PaymentDTO, eventId: String = "evt_\(UUID().uuidString)") async throws {
        let delivery = try delivery(outcome, for: payment, eventId: eventId)
        try await payments.receiveWebhook(payload: delivery.body, signature: delivery.signature)
    }

    /// Publishes `event` as another context would: in a committed transaction, through the outbox.
    func publish<E: IntegrationEvent>(_ event: E) async throws {
        try await db.pool.transaction { tx in try await bus.publisher(in: tx).publish(event) }
    }

    /// How many events named `name` were published.
    func published(_ name: String) async throws -> Int {
        try await db.pool.query("SELECT count(*) FROM messaging.outbox WHERE name = $1", [.text(name)])[0].decode(Int.self, at: 0)
    }

    /// Whether every published event was handled by all its subscribers (none waiting, none set aside).
    func outboxSettled() async throws -> Bool {
        try await db.pool.query("SELECT count(*) FROM messaging.outbox WHERE completed_at IS NULL", [])[0].decode(Int.self, at: 0) == 0
    }

    func status(_ id: UUID) async throws -> String { try await payment(id).status }

    /// The reason stored with a failed payment (not part of the API).
    func failureReason(_ id: UUID) async throws -> String? {
        try await db.pool.query("SELECT failure_reason FROM payments.payments WHERE id = $1", [.uuid(id)])[0].decode(String?.self, at: 0)
    }
}
