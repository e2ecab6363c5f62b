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

/// The money went back to the customer.
public struct PaymentRefunded: IntegrationEvent, Equatable {
    public static let name = "payments.payment_refunded.v1"
    public var paymentId: UUID
    public var orderId: UUID
    public var amount: Money
    public init(paymentId: UUID, orderId: UUID, amount: Money) {
        self.paymentId = paymentId
        self.orderId = orderId
        self.amount = amount
    }
}
