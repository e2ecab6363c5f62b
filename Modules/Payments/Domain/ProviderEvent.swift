public import Foundation

/// A webhook delivery, verified and read: the provider's event id (the dedupe key), its type, the intent it is
/// about, and the report it amounts to (nil for a type Wharf does not act on).
public struct ProviderEvent: Sendable, Equatable {
    public var id: String
    public var type: String
    /// The payment intent's id (`data.object.id`; for `charge.refunded`, the charge's `payment_intent`).
    public var providerReference: String?
    /// `metadata.paymentId`, when it is a UUID: a consistency check against the payment found by reference.
    public var paymentId: UUID?
    public var report: ProviderReport?

    public init(id: String, type: String, providerReference: String?, paymentId: UUID?, report: ProviderReport?) {
        self.id = id
        self.type = type
        self.providerReference = providerReference
        self.paymentId = paymentId
        self.report = report
    }
}
