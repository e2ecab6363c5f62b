public import Foundation
public import Kernel

/// What Orders asks of Payments when an order's lines are all allocated: take this amount for this order.
public struct RequestPayment: Sendable, Equatable {
    public var orderId: UUID
    public var customerId: UUID
    public var amount: Money
    public init(orderId: UUID, customerId: UUID, amount: Money) {
        self.orderId = orderId
        self.customerId = customerId
        self.amount = amount
    }
}

/// The part of Payments other contexts call directly.
public protocol PaymentRequests: Sendable {
    /// Creates the order's payment through the provider (its idempotency key derived from the order id), or
    /// returns the one that exists: one payment per order, however often this is called. Returns the payment id.
    func requestPayment(_ request: RequestPayment) async throws -> UUID
}
