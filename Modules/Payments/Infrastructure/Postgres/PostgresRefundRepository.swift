import Foundation
import Kernel
import PaymentsApplication
import PaymentsDomain
import Postgres

/// Refunds in `payments.refunds`, on a pool or inside a transaction.
struct PostgresRefundRepository: RefundRepository {
    let db: any PostgresQueryable

    func insert(_ refund: Refund) async throws {
        try await db.execute(
            """
            INSERT INTO payments.refunds (id, payment_id, amount, currency, status, reason, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [.uuid(refund.id), .uuid(refund.paymentId), .int(Int(refund.amount.amount)), .text(refund.amount.currency.code),
             .text(refund.status.rawValue), .text(refund.reason.text), .timestamp(refund.createdAt), .timestamp(refund.updatedAt)])
    }

    func refunds(paymentId: UUID) async throws -> [Refund] {
        try await db.query(
            """
            SELECT id, payment_id, amount, currency, status, reason, created_at, updated_at FROM payments.refunds
            WHERE payment_id = $1 ORDER BY created_at, id
            """, [.uuid(paymentId)]).map { row in
            let currency = try row.decode(Currency.self, at: 3, stored: Currency.init)
            return Refund(id: try row.decode(UUID.self, at: 0), paymentId: try row.decode(UUID.self, at: 1),
                          amount: Money(amount: try row.decode(Int64.self, at: 2), currency: currency),
                          status: try row.decode(RefundStatus.self, at: 4), reason: RefundReason(stored: try row.decode(String.self, at: 5)),
                          createdAt: try row.decode(Date.self, at: 6), updatedAt: try row.decode(Date.self, at: 7))
        }
    }

    func confirmPending(paymentId: UUID, at now: Date) async throws -> Int {
        try await db.execute(
            "UPDATE payments.refunds SET status = 'succeeded', updated_at = greatest(updated_at, $2) WHERE payment_id = $1 AND status = 'pending'",
            [.uuid(paymentId), .timestamp(now)])
    }
}
