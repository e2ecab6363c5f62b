import Kernel

/// The Payments context's refusals, one definition each so codes and wording never drift.
enum PaymentsErrors {
    static let notFound = DomainError.notFound("payment")
    static let staffOnly = DomainError(.forbidden, code: "forbidden", message: "only staff and admins may do this")
}
