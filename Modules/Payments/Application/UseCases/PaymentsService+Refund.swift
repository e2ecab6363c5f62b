import Audit
import EventBus
public import Foundation
import JSON
public import Kernel
import Logging
public import PaymentsContracts
import PaymentsDomain

extension PaymentsService {
    /// A refund by staff (docs/adr/0018). The payment's row lock serialises refunds of one payment, and the amount is
    /// counted in `refundedAmount` (a database CHECK keeps it within what was captured) in the transaction that
    /// records the refund, so concurrent refunds never give back more than was taken. The provider is called inside
    /// that transaction with the refund's own key (`wharf-refund-<refundId>`, the id fixed before the transaction so
    /// a retried transaction repeats the same call); if it fails, nothing is recorded. The `Idempotency-Key`
    /// machinery is the one `POST /v1/orders` uses (docs/adr/0011).
    public func refundPayment(id: UUID, _ command: RefundPayment, caller: Caller,
                              idempotency: IdempotentRequest?) async throws -> IdempotentResponse {
        guard caller.isStaff else { throw PaymentsErrors.staffOnly }
        let key = try idempotency.map { request throws(DomainError) in try IdempotencyKey(request.key) }
        let digest = idempotency?.bodyDigest ?? []
        let now = clock.now().roundedToMicroseconds
        let notBefore = now.addingTimeInterval(-IdempotencyKey.lifetime)
        if let key, let earlier = try await store.idempotencyKeys.record(userId: caller.userId, key: key, notBefore: notBefore) {
            return Self.replay(try earlier.replaying(digest: digest))
        }
        let reason = try RefundReason(command.reason)
        let refundId = ids.next()
        let response: IdempotentResponse = try await store.transaction { tx in
            if let key {
                guard try await tx.idempotencyKeys.claim(userId: caller.userId, key: key) else { throw IdempotencyKey.inUse }
                if let earlier = try await tx.idempotencyKeys.record(userId: caller.userId, key: key, notBefore: notBefore) {
                    return Self.replay(try earlier.replaying(digest: digest))
                }
            }
            guard var payment = try await tx.payments.paymentForUpdate(id: id) else { throw PaymentsErrors.notFound }
            let before = payment
            let amount = try payment.refund(command.amount, at: now)
            guard let reference = payment.providerReference else { throw PaymentsErrors.notFound }
            let status = try await provider.refund(reference: reference, amount: amount,
                                                   idempotencyKey: Self.refundKey(refundId: refundId))
            let refund = Refund(id: refundId, paymentId: payment.id, amount: amount, status: status, reason: reason,
                                createdAt: now, updatedAt: now)
            try await record(refund, of: payment, in: tx)
            try await tx.audit.record(AuditEntry(AuditAction.refundCreated, target: AuditTarget(type: "refund", id: refund.id.lowercased),
                                                 by: caller, at: now, changes: Self.auditChanges(refund, payment: payment, before: before)))
            let body = try StrictJSONEncoder().encode(RefundDTO(refund))
            if let key {
                try await tx.idempotencyKeys.insert(
                    IdempotencyRecord(userId: caller.userId, key: key, requestDigest: digest, resourceId: refund.id,
                                      responseStatus: 201, responseBody: body, createdAt: now),
                    replacingBefore: notBefore)
            }
            return IdempotentResponse(resourceId: refund.id, body: body, replayed: false)
        }
        if !response.replayed {
            logger.info("payment refunded by staff", ["payment_id": id.lowercased, "refund_id": response.resourceId.lowercased,
                                                      "by": caller.userId.lowercased])
        }
        return response
    }

    /// The payment's refunds, oldest first: its order's owner, staff and admins see them; for anyone else the
    /// payment does not exist.
    public func refunds(paymentId: UUID, caller: Caller) async throws -> [RefundDTO] {
        guard let payment = try await store.payments.payment(id: paymentId) else { throw PaymentsErrors.notFound }
        if !caller.isStaff, caller.userId != payment.customerId { throw PaymentsErrors.notFound }
        return try await store.refunds.refunds(paymentId: paymentId).map(RefundDTO.init)
    }

    /// The refund as created, and what it did to its payment (`refundedAmount`, and `status` once fully refunded).
    static func auditChanges(_ refund: Refund, payment: Payment, before: Payment) -> [String: AuditChange] {
        var changes: [String: AuditChange] = [
            "paymentId": .created(.text(refund.paymentId.lowercased)), "amount": .created(.money(refund.amount)),
            "reason": .created(.text(refund.reason.text)), "status": .created(.text(refund.status.rawValue)),
        ]
        changes.note("payment.refundedAmount", from: .money(before.refundedAmount), to: .money(payment.refundedAmount))
        changes.note("payment.status", from: .text(before.status.rawValue), to: .text(payment.status.rawValue))
        return changes
    }

    static func replay(_ record: IdempotencyRecord) -> IdempotentResponse {
        IdempotentResponse(resourceId: record.resourceId, body: record.responseBody, replayed: true)
    }

    /// The provider idempotency key of a refund by staff (one per refund).
    static func refundKey(refundId: UUID) -> String { "wharf-refund-\(refundId.lowercased)" }

    /// Deletes idempotency keys of refunds past their 24 hours (the background job's work).
    public func purgeExpiredIdempotencyKeys() async throws -> Int {
        try await store.idempotencyKeys.purge(createdBefore: clock.now().addingTimeInterval(-IdempotencyKey.lifetime))
    }
}
