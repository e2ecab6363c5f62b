public import Foundation
public import PaymentsDomain

/// Payments as stored: one per order (the order id is unique), one per provider reference.
public protocol PaymentRepository: Sendable {
    func payment(id: UUID) async throws -> Payment?
    /// The payment, locked until the surrounding transaction ends (refunds of one payment run one at a time).
    func paymentForUpdate(id: UUID) async throws -> Payment?
    /// The order's payment, locked until the surrounding transaction ends.
    func paymentForUpdate(orderId: UUID) async throws -> Payment?
    /// The payment whose intent this is (intent ids are unique), locked until the surrounding transaction ends.
    func paymentForUpdate(reference: String) async throws -> Payment?
    /// Stores `payment` unless the order has one already; returns the order's payment either way.
    func insertOrExisting(_ payment: Payment) async throws -> Payment
    /// Stores the mutable fields of `payment` (status, failure reason, provider reference, refunded amount, updated
    /// time).
    func update(_ payment: Payment) async throws
    /// Payments of `provider` still `pending` and created before `cutoff` that have an intent, least recently
    /// checked first; at most `limit`. Each is stamped as checked at `now`, so parallel passes spread out.
    func claimStalePending(provider: String, createdBefore cutoff: Date, now: Date, limit: Int) async throws -> [Payment]
}
