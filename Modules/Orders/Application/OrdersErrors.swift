import Kernel

/// The Orders context's refusals, one definition each so codes and wording never drift.
enum OrdersErrors {
    static let notFound = DomainError.notFound("order")
    static let staffOnly = DomainError(.forbidden, code: "forbidden", message: "only staff and admins may do this")
    static let othersOrders = DomainError(.forbidden, code: "forbidden", message: "customers may list only their own orders")
    static func overloaded(retryAfter seconds: Int) -> DomainError {
        DomainError(.unavailable(retryAfterSeconds: seconds), code: "service_unavailable",
                    message: "the shop is taking more orders than it can process in time; retry after \(seconds) s")
    }
}
