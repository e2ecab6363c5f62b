public import Foundation
public import PaymentsDomain

/// Refunds in the order they were made. Each is written in the transaction that counts its amount in the payment's
/// `refundedAmount`, under the payment's row lock.
public protocol RefundRepository: Sendable {
    func insert(_ refund: Refund) async throws
    /// The payment's refunds, oldest first.
    func refunds(paymentId: UUID) async throws -> [Refund]
    /// Marks the payment's `pending` refunds `succeeded` (the provider reported them refunded); returns how many.
    func confirmPending(paymentId: UUID, at now: Date) async throws -> Int
}
