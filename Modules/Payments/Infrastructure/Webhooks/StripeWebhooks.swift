import Foundation
import Kernel
import PaymentsApplication
import PaymentsDomain

/// Reads deliveries in Stripe's event format (the contract's webhook body): the signature first, over the bytes
/// as received, and only then the JSON.
struct StripeWebhooks: ProviderWebhooks {
    let signature: WebhookSignature

    static let invalidSignature = DomainError(.malformed, code: "invalid_signature",
                                              message: "the Stripe-Signature header is missing, malformed, stale or does not match the body")

    func read(payload: [UInt8], signature header: String?, at now: Date) throws -> ProviderEvent {
        guard signature.isValid(payload: payload, header: header, now: Int64(now.timeIntervalSince1970.rounded(.down))) else {
            throw Self.invalidSignature
        }
        return try StripeEventBody.event(from: payload)
    }
}

/// The members of a Stripe event Wharf reads; everything else in the body is ignored (Stripe adds fields freely).
enum StripeEventBody {
    struct Head: Decodable {
        let id: String
        let type: String
    }

    struct Full: Decodable {
        let data: DataMember
        struct DataMember: Decodable { let object: Object }
        struct Object: Decodable {
            let id: String
            // A charge (`charge.refunded`) names its intent here; a payment intent is itself the intent.
            let payment_intent: String?
            let amount: Int64?
            let currency: String?
            let refunded: Bool?
            // A charge's refunds so far, all counted (`charge.refunded`).
            let amount_refunded: Int64?
            let metadata: [String: String]?
            let last_payment_error: PaymentError?
        }
        struct PaymentError: Decodable { let message: String? }
    }

    static func malformed(_ detail: String) -> DomainError {
        DomainError(.malformed, code: "malformed_json", message: "the webhook body is not a payment event: \(detail)")
    }

    static func event(from payload: [UInt8]) throws(DomainError) -> ProviderEvent {
        let data = Data(payload)
        let decoder = JSONDecoder()
        guard let head = try? decoder.decode(Head.self, from: data) else { throw malformed("expected an object with `id` and `type`") }
        guard (1...255).contains(head.id.utf8.count), (1...255).contains(head.type.utf8.count) else {
            throw malformed("`id` and `type` must be 1 to 255 bytes")
        }
        guard ["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded"].contains(head.type) else {
            return ProviderEvent(id: head.id, type: head.type, providerReference: nil, paymentId: nil, report: nil)
        }
        guard let object = try? decoder.decode(Full.self, from: data).data.object else {
            throw malformed("expected `data.object` with an `id`")
        }
        let reference = object.payment_intent ?? object.id
        guard (1...255).contains(reference.utf8.count) else { throw malformed("the intent id must be 1 to 255 bytes") }
        let paymentId = object.metadata?["paymentId"].flatMap { UUID(uuidString: $0) }
        let report: ProviderReport?
        switch head.type {
        case "payment_intent.succeeded":
            guard let amount = object.amount, amount >= 0, let code = object.currency, let currency = Currency(code) else {
                throw malformed("a succeeded payment needs `amount` (minor units) and `currency`")
            }
            report = .succeeded(Money(amount: amount, currency: currency))
        case "payment_intent.payment_failed":
            report = .failed(reason: object.last_payment_error?.message)
        default:
            // `amount_refunded` counts every refund of the charge so far, partial ones included; without it, only a
            // charge marked `refunded` says anything (everything went back).
            if let total = object.amount_refunded {
                guard total >= 0, let code = object.currency, let currency = Currency(code) else {
                    throw malformed("a refunded charge needs `amount_refunded` (minor units) and `currency`")
                }
                report = .partlyRefunded(total: Money(amount: total, currency: currency))
            } else {
                report = object.refunded == true || object.refunded == nil ? .refunded : nil
            }
        }
        return ProviderEvent(id: head.id, type: head.type, providerReference: reference, paymentId: paymentId, report: report)
    }
}
