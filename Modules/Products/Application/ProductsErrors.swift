import Kernel

/// The Products context's refusals, one definition each so codes and wording never drift.
enum ProductsErrors {
    static let notFound = DomainError.notFound("product")
    static let preconditionFailed = DomainError(.preconditionFailed, code: "precondition_failed",
                                                message: "the product has changed since the given ETag; fetch it again")
    static let concurrentUpdates = DomainError(.conflict, code: "concurrent_update",
                                               message: "the product is being changed by others; retry")
}
