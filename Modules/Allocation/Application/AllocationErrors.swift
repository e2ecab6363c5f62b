import Kernel

/// The Allocation context's refusals, one definition each so codes and wording never drift.
enum AllocationErrors {
    static let batchNotFound = DomainError.notFound("batch")
    static let orderNotFound = DomainError.notFound("order")
    static let stockNotFound = DomainError.notFound("stock of this SKU")
    static let unknownSKU = DomainError.validation(code: "unknown_sku", field: "sku", message: "no active product has this SKU")
    static let concurrentUpdates = DomainError(.conflict, code: "concurrent_update",
                                               message: "the stock of this SKU is being changed by others; retry")
}

/// A use case lost the race for a SKU's version: it is undone and runs again.
struct VersionConflict: Error {}
