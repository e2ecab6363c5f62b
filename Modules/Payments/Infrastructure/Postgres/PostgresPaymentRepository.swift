import Foundation
import Kernel
import PaymentsApplication
import PaymentsDomain
import Postgres

/// Payments in `payments.payments`, on a pool or inside a transaction.
struct PostgresPaymentRepository: PaymentRepository {
    let db: any PostgresQueryable

    static let columns = "id, order_id, customer_id, amount, currency, provider, provider_reference, status, failure_reason, created_at, updated_at, refunded_amount"

    func payment(id: UUID) async throws -> Payment? {
        try await db.queryFirst("SELECT \(Self.columns) FROM payments.payments WHERE id = $1", [.uuid(id)]).map(Self.payment)
    }

    func paymentForUpdate(id: UUID) async throws -> Payment? {
        try await db.queryFirst("SELECT \(Self.columns) FROM payments.payments WHERE id = $1 FOR UPDATE", [.uuid(id)]).map(Self.payment)
    }

    func paymentForUpdate(orderId: UUID) async throws -> Payment? {
        try await db.queryFirst("SELECT \(Self.columns) FROM payments.payments WHERE order_id = $1 FOR UPDATE",
                                [.uuid(orderId)]).map(Self.payment)
    }

    func paymentForUpdate(reference: String) async throws -> Payment? {
        try await db.queryFirst("SELECT \(Self.columns) FROM payments.payments WHERE provider_reference = $1 FOR UPDATE",
                                [.text(reference)]).map(Self.payment)
    }

    func insertOrExisting(_ payment: Payment) async throws -> Payment {
        // A CTE cannot see the row a concurrent insert committed meanwhile, so the fallback SELECT is a second
        // statement (it sees it: READ COMMITTED takes a new snapshot per statement).
        let inserted = try await db.queryFirst(
            """
            INSERT INTO payments.payments (\(Self.columns))
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (order_id) DO NOTHING
            RETURNING \(Self.columns)
            """,
            [.uuid(payment.id), .uuid(payment.orderId), .uuid(payment.customerId), .int(Int(payment.amount.amount)),
             .text(payment.amount.currency.code), .text(payment.provider), .optional(payment.providerReference, PostgresValue.text),
             .text(payment.status.rawValue), .optional(payment.failureReason, PostgresValue.text),
             .timestamp(payment.createdAt), .timestamp(payment.updatedAt), .int(Int(payment.refundedAmount.amount))])
        if let inserted { return try Self.payment(inserted) }
        guard let existing = try await db.queryFirst("SELECT \(Self.columns) FROM payments.payments WHERE order_id = $1",
                                                     [.uuid(payment.orderId)]) else {
            throw PostgresError(.other, message: "payment of order \(payment.orderId) neither inserted nor found")
        }
        return try Self.payment(existing)
    }

    func update(_ payment: Payment) async throws {
        try await db.execute(
            """
            UPDATE payments.payments
            SET status = $2, failure_reason = $3, provider_reference = $4, updated_at = $5, refunded_amount = $6
            WHERE id = $1
            """,
            [.uuid(payment.id), .text(payment.status.rawValue), .optional(payment.failureReason, PostgresValue.text),
             .optional(payment.providerReference, PostgresValue.text), .timestamp(payment.updatedAt),
             .int(Int(payment.refundedAmount.amount))])
    }

    func claimStalePending(provider: String, createdBefore cutoff: Date, now: Date, limit: Int) async throws -> [Payment] {
        try await db.query(
            """
            UPDATE payments.payments SET checked_at = $4
            WHERE id IN (
                SELECT id FROM payments.payments
                WHERE status = 'pending' AND provider = $1 AND created_at < $2 AND provider_reference IS NOT NULL
                ORDER BY checked_at NULLS FIRST, created_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED)
            RETURNING \(Self.columns)
            """,
            [.text(provider), .timestamp(cutoff), .int(limit), .timestamp(now)]).map(Self.payment)
    }

    static func payment(_ row: PostgresRow) throws -> Payment {
        let currency = try row.decode(Currency.self, at: 4, stored: Currency.init)
        return Payment(
            id: try row.decode(UUID.self, at: 0), orderId: try row.decode(UUID.self, at: 1),
            customerId: try row.decode(UUID.self, at: 2),
            amount: Money(amount: try row.decode(Int64.self, at: 3), currency: currency),
            provider: try row.decode(String.self, at: 5), providerReference: try row.decode(String?.self, at: 6),
            status: try row.decode(PaymentStatus.self, at: 7), failureReason: try row.decode(String?.self, at: 8),
            refundedAmount: Money(amount: try row.decode(Int64.self, at: 11), currency: currency),
            createdAt: try row.decode(Date.self, at: 9), updatedAt: try row.decode(Date.self, at: 10))
    }
}
