import Kernel

/// The Orders context's refusals, one definition each so codes and wording never drift.
enum OrdersErrors {
    static let notFound = DomainError.notFound("order")
    static let staffOnly = DomainError(.forbidden, code: "forbidden", message: "only staff and admins may do this")
    static let othersOrders = DomainError(.forbidden, code: "forbidden", message: "customers may list only their own orders")
    static let keyReused = DomainError(.validation, code: "idempotency_key_reused",
                                       message: "this Idempotency-Key was used with a different request body")
    static func overloaded(retryAfter seconds: Int) -> DomainError {
        DomainError(.unavailable(retryAfterSeconds: seconds), code: "service_unavailable",
                    message: "the shop is taking more orders than it can process in time; retry after \(seconds) s")
    }
    static let keyInUse = DomainError(.conflict, code: "idempotency_key_in_use",
                                      message: "a request with this Idempotency-Key is still being processed; retry shortly")
}
