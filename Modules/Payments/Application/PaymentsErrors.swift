import Kernel

/// The Payments context's refusals, one definition each so codes and wording never drift.
enum PaymentsErrors {
    static let notFound = DomainError.notFound("payment")
}
