import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Kernel
import Logging
import Outbox
import PaymentsContracts
import PaymentsInfrastructure
import Postgres

/// `wharf simulate-payment PAYMENT_ID succeeded|failed|refunded [--url URL]`: what the provider would send, for
/// walking the whole flow locally with the sandbox provider. The payment is read from the database, the event
/// is signed with `PAYMENT_WEBHOOK_SECRET` by the same code that verifies deliveries, and posted to the server.
enum SimulatePaymentCommand {
    static func run(paymentId: UUID, outcome: String, url: String?, configuration: Configuration) async throws -> Int32 {
        guard let outcome = SimulatedPaymentEvent.Outcome(rawValue: outcome), let secret = configuration.paymentWebhookSecret else {
            return 2
        }
        let logger = Logger(label: "wharf.simulate-payment", minimumLevel: .warning)
        let pool = PostgresPool(configuration: try PostgresConfiguration(url: configuration.databaseURL, poolSize: 1))
        let payment: PaymentDTO
        do {
            let payments = try PaymentsModule.make(pool: pool, bus: DurableEventBus(pool: pool, logger: logger),
                                                   settings: Container.paymentSettings(configuration), logger: logger)
            payment = try await payments.facade.payment(id: paymentId, caller: operatorAtConsole)
            await pool.close()
        } catch {
            await pool.close()
            if let error = error as? DomainError, error.kind == .notFound {
                WharfMain.writeStandardError("wharf simulate-payment: no payment \(paymentId.lowercased)\n")
                return 1
            }
            throw error
        }
        guard let reference = payment.providerReference else {
            WharfMain.writeStandardError("wharf simulate-payment: the payment has no intent at the provider yet\n")
            return 1
        }
        let now = Int64(Date().timeIntervalSince1970)
        let body = try SimulatedPaymentEvent(
            eventId: "evt_sim_" + Hex.encode(SecureRandom.bytes(12)), outcome: outcome, paymentId: payment.id,
            orderId: payment.orderId, providerReference: reference, amount: payment.amount, created: now).body()
        let host = configuration.host == "0.0.0.0" ? "127.0.0.1" : configuration.host
        guard let target = URL(string: url ?? "http://\(host):\(configuration.port)")?.appending(path: "v1/payments/webhook") else {
            return 2
        }
        var request = URLRequest(url: target, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(WebhookSignature(secret: secret).header(payload: body, timestamp: now), forHTTPHeaderField: "Stripe-Signature")
        request.httpBody = Data(body)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        print("POST \(target.absoluteString): HTTP \(status) \(String(decoding: data, as: UTF8.self))")
        return status == 200 ? 0 : 1
    }

    /// Who reads the payment: the operator has the database already, so reads as staff; no user stands behind it
    /// (the nil UUID, never a user's id).
    static let operatorAtConsole = Caller(userId: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), roles: [.staff])
}
