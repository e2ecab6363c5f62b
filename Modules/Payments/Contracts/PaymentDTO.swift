public import Foundation
public import Kernel

/// A payment as the API shows it (the contract's `Payment`).
public struct PaymentDTO: Sendable, Encodable, Equatable {
    public var id: UUID
    public var orderId: UUID
    public var amount: Money
    /// `pending`, `succeeded`, `failed`, `cancelled` or `refunded`.
    public var status: String
    /// `sandbox` or `stripe`.
    public var provider: String
    /// The provider's payment-intent id; null only while the provider has not yet answered the creation.
    public var providerReference: String?
    /// What went back so far (refunds succeeded or pending at the provider); the payment is `refunded` when it is
    /// all of `amount`.
    public var refundedAmount: Money
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, orderId: UUID, amount: Money, status: String, provider: String, providerReference: String?,
                refundedAmount: Money, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.orderId = orderId
        self.amount = amount
        self.status = status
        self.provider = provider
        self.providerReference = providerReference
        self.refundedAmount = refundedAmount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, orderId, amount, status, provider, providerReference, refundedAmount, createdAt, updatedAt
    }

    /// Writes `providerReference` as `null` when absent (the contract lists the member always).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(orderId, forKey: .orderId)
        try container.encode(amount, forKey: .amount)
        try container.encode(status, forKey: .status)
        try container.encode(provider, forKey: .provider)
        try container.encode(providerReference, forKey: .providerReference)
        try container.encode(refundedAmount, forKey: .refundedAmount)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
