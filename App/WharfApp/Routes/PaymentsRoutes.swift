import HTTPServer
import Kernel
import PaymentsContracts
import UsersContracts

/// "Payments" of the HTTP contract. Reading a payment needs a caller (its order's owner, staff or admin); the
/// webhook needs no token, only a valid `Stripe-Signature`, which the Payments context checks over the bytes as
/// received (the body is handed over untouched, never decoded and re-encoded first).
enum PaymentsRoutes {
    /// A Stripe event is a few kilobytes; anything much larger is not one, and is refused before it is hashed.
    static let maximumWebhookBytes = 64 * 1024

    static let webhookTooLarge = ProblemDetails(status: .contentTooLarge, code: "payload_too_large",
                                                detail: "a webhook body is at most \(maximumWebhookBytes) bytes")
    static let received: [UInt8] = Array(#"{"received":true}"#.utf8)

    /// `digest` hashes the raw request body (SHA-256), so a refund's replay needs byte-for-byte the same body.
    static func register(on router: Router, payments: any PaymentsFacade, users: any UsersFacade,
                         digest: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        let group = router.group("/v1/payments")
        group.post("/webhook") { request, _ in
            guard request.body.count <= maximumWebhookBytes else { throw webhookTooLarge }
            guard request.hasJSONContentType else { throw ProblemDetails.notJSON }
            try await payments.receiveWebhook(payload: request.body, signature: request.headers["Stripe-Signature"])
            return .json(bytes: received)
        }

        let signedIn = group.add(middleware: Authentication.middleware(users)).narrowed(to: AuthenticatedContext.self)
        signedIn.get("/{id}") { _, context in
            try .json(try await payments.payment(id: context.parameters.uuid("id"), caller: context.caller))
        }
        // Refunds by staff (the Payments context checks the role, so a customer's `403` comes from one place).
        signedIn.post("/{id}/refunds") { request, context in
            let id = try context.parameters.uuid("id")
            let idempotency = try IdempotencyKeyHeader.read(request, digest: digest)
            let command = try request.decode(RefundPayment.self)
            let refund = try await payments.refundPayment(id: id, command, caller: context.caller, idempotency: idempotency)
            let headers = IdempotencyKeyHeader.createdHeaders(
                location: "/v1/payments/\(id.lowercased)/refunds/\(refund.resourceId.lowercased)", replayed: refund.replayed)
            return .json(bytes: refund.body, status: .created, headers: headers)
        }
        signedIn.get("/{id}/refunds") { _, context in
            let refunds = try await payments.refunds(paymentId: context.parameters.uuid("id"), caller: context.caller)
            // A payment has few refunds: one page holds them all.
            return try .json(PageBody(Page(items: refunds, nextCursor: nil)))
        }
    }
}
