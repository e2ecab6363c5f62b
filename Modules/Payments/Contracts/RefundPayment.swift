public import Kernel

/// `POST /v1/payments/{id}/refunds` `{amount?, reason}`: `amount` omitted refunds everything left.
public struct RefundPayment: Sendable, Codable, Equatable {
    public var amount: Money?
    public var reason: String

    public init(amount: Money? = nil, reason: String) {
        self.amount = amount
        self.reason = reason
    }
}
