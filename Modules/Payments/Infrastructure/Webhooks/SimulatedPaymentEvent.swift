public import Foundation
public import Kernel

/// A webhook body in Stripe's format for a payment, as `wharf simulate-payment` (and tests, and the benchmark)
/// send it with the sandbox provider.
public struct SimulatedPaymentEvent: Sendable {
    /// The outcomes a developer can simulate.
    public enum Outcome: String, Sendable, CaseIterable {
        case succeeded, failed, refunded

        var type: String {
            switch self {
            case .succeeded: "payment_intent.succeeded"
            case .failed: "payment_intent.payment_failed"
            case .refunded: "charge.refunded"
            }
        }
    }

    public var eventId: String
    public var outcome: Outcome
    public var paymentId: UUID
    public var orderId: UUID
    public var providerReference: String
    public var amount: Money
    public var created: Int64
    /// For `refunded`: the charge's refunds so far (`amount_refunded`, partial refunds); nil reports the charge
    /// refunded in full without it.
    public var amountRefunded: Int64?

    public init(eventId: String, outcome: Outcome, paymentId: UUID, orderId: UUID, providerReference: String, amount: Money,
                created: Int64, amountRefunded: Int64? = nil) {
        self.eventId = eventId
        self.outcome = outcome
        self.paymentId = paymentId
        self.orderId = orderId
        self.providerReference = providerReference
        self.amount = amount
        self.created = created
        self.amountRefunded = amountRefunded
    }

    /// The JSON body (keys sorted, so the same event always has the same bytes).
    public func body() throws -> [UInt8] {
        var object: [String: Any] = [
            "id": providerReference, "object": "payment_intent", "amount": amount.amount,
            "currency": amount.currency.code.lowercased(),
            "metadata": ["paymentId": paymentId.lowercased, "orderId": orderId.lowercased],
        ]
        if outcome == .refunded, let amountRefunded {
            // A charge, as Stripe sends `charge.refunded`: it names its intent and counts its refunds so far.
            object["object"] = "charge"
            object["id"] = "ch_" + providerReference
            object["payment_intent"] = providerReference
            object["amount_refunded"] = amountRefunded
            object["refunded"] = amountRefunded >= amount.amount
        }
        if outcome == .failed { object["last_payment_error"] = ["message": "Your card was declined (simulated)."] }
        let event: [String: Any] = ["id": eventId, "object": "event", "type": outcome.type, "created": created,
                                    "data": ["object": object]]
        return Array(try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]))
    }
}
