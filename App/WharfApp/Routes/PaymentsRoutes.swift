import HTTPServer
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

    static func register(on router: Router, payments: any PaymentsFacade, users: any UsersFacade) {
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
    }
}
