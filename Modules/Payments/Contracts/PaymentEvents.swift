public import Foundation
public import Kernel

/// The provider confirmed the payment. Orders moves the order to `paid`.
public struct PaymentSucceeded: IntegrationEvent, Equatable {
    public static let name = "payments.payment_succeeded.v1"
    public var paymentId: UUID
    public var orderId: UUID
    public var amount: Money
    public init(paymentId: UUID, orderId: UUID, amount: Money) {
        self.paymentId = paymentId
        self.orderId = orderId
        self.amount = amount
    }
}

/// The provider reported the payment failed. Orders moves the order to `payment_failed`.
public struct PaymentFailed: IntegrationEvent, Equatable {
    public static let name = "payments.payment_failed.v1"
    public var paymentId: UUID
    public var orderId: UUID
    public var reason: String?
    public init(paymentId: UUID, orderId: UUID, reason: String?) {
        self.paymentId = paymentId
        self.orderId = orderId
        self.reason = reason
    }
}

/// Money went back to the customer: `amount` by this refund (all of the payment, or part of it). Orders records
/// it in the order's history; an order whose payment is fully refunded cannot ship.
public struct PaymentRefunded: IntegrationEvent, Equatable {
    public static let name = "payments.payment_refunded.v1"
    public var paymentId: UUID
    public var orderId: UUID
    public var amount: Money
    /// Whether nothing of the payment is left to refund. Nil in events written before partial refunds existed,
    /// which were always full refunds (`isFullRefund`).
    public var fullyRefunded: Bool?
    /// The refund, when Wharf recorded one (nil in events written before refunds were recorded).
    public var refundId: UUID?

    public init(paymentId: UUID, orderId: UUID, amount: Money, fullyRefunded: Bool = true, refundId: UUID? = nil) {
        self.paymentId = paymentId
        self.orderId = orderId
        self.amount = amount
        self.fullyRefunded = fullyRefunded
        self.refundId = refundId
    }

    /// Whether the payment has nothing left to refund after this one.
    public var isFullRefund: Bool { fullyRefunded ?? true }
}
