import Foundation
import Kernel
import PaymentsApplication
import PaymentsContracts
import PaymentsDomain

/// Stripe's PaymentIntents and Refunds.
struct StripePaymentProvider: PaymentProvider {
    let name = "stripe"
    let client: StripeClient

    /// The members of a PaymentIntent Wharf reads.
    struct Intent: Decodable {
        let id: String
        let status: String
        let amount: Int64?
        let currency: String?
        let cancellation_reason: String?
        let last_payment_error: StripeEventBody.Full.PaymentError?
    }

    /// The members of a Refund Wharf reads.
    struct Refund: Decodable {
        let id: String
        let status: String?
    }

    func createIntent(_ intent: IntentRequest) async throws -> String {
        let form = [("amount", String(intent.amount.amount)), ("currency", intent.amount.currency.code.lowercased()),
                    ("metadata[paymentId]", intent.paymentId.lowercased), ("metadata[orderId]", intent.orderId.lowercased)]
        return try await client.send("POST", "v1/payment_intents", form: form, idempotencyKey: intent.idempotencyKey,
                                     as: Intent.self).id
    }

    func report(reference: String) async throws -> ProviderReport {
        let intent = try await client.send("GET", "v1/payment_intents/\(Self.pathSegment(reference))", as: Intent.self)
        return Self.report(intent)
    }

    func cancelIntent(reference: String) async throws {
        _ = try await client.send("POST", "v1/payment_intents/\(Self.pathSegment(reference))/cancel", as: Intent.self)
    }

    /// Creates a refund of `amount` (part or all of the intent). Stripe answers `succeeded` for most cards and
    /// `pending` for some; a refund it answers `failed` or `canceled` gave nothing back and is a refusal.
    @discardableResult
    func refund(reference: String, amount: Money, idempotencyKey: String) async throws -> RefundStatus {
        let refund = try await client.send("POST", "v1/refunds", form: [("payment_intent", reference), ("amount", String(amount.amount))],
                                           idempotencyKey: idempotencyKey, as: Refund.self)
        switch refund.status {
        case "succeeded": return .succeeded
        case "failed", "canceled": throw PaymentProviderRefusal(status: 402, detail: "refund \(refund.id) \(refund.status ?? "")")
        default: return .pending
        }
    }

    /// `succeeded` is final; `canceled` and a `requires_payment_method` after a failed attempt are failures;
    /// every other status is still open. (A refunded intent stays `succeeded` at Stripe: refunds arrive as
    /// `charge.refunded` webhooks.)
    static func report(_ intent: Intent) -> ProviderReport {
        switch intent.status {
        case "succeeded":
            guard let amount = intent.amount, let code = intent.currency, let currency = Currency(code) else { return .pending }
            return .succeeded(Money(amount: amount, currency: currency))
        case "canceled":
            return .failed(reason: "cancelled at the provider" + (intent.cancellation_reason.map { " (\($0))" } ?? ""))
        case "requires_payment_method" where intent.last_payment_error != nil:
            return .failed(reason: intent.last_payment_error?.message)
        default:
            return .pending
        }
    }

    /// Intent ids are `pi_` and letters and digits; anything else is refused rather than spliced into a path.
    static func pathSegment(_ reference: String) throws(PaymentProviderRefusal) -> String {
        guard !reference.isEmpty, reference.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (48...57).contains($0)
            || (65...90).contains($0) || (97...122).contains($0) }) else {
            throw PaymentProviderRefusal(status: 400, detail: "not an intent id")
        }
        return reference
    }
}
