public import AllocationContracts
public import AllocationDomain
public import Foundation
public import Kernel

/// Which allocated lines to load with the stock: all (to shrink a batch), or only one order's (to allocate or
/// release it; the others count as the batches' `unlistedQuantity`), so a hot SKU's load stays small.
public enum LinesToLoad: Sendable, Equatable {
    case all
    case order(UUID)
    /// Only the batches (to add one).
    case noLines
}

/// The stock aggregates (one per SKU) and the batch reads of the API.
public protocol StockRepository: Sendable {
    /// The stock of each of `skus` that is known, in SKU order. With `lock`, each is locked until the transaction
    /// ends, taken in that order, so two use cases over overlapping SKUs queue up instead of deadlocking.
    func stock(_ skus: [SKU], lines: LinesToLoad, lock: Bool) async throws -> [Stock]
    /// Makes `sku` known (no batches, version 0) unless it already is.
    func register(_ sku: SKU) async throws
    /// Stores `stock`, changed from `original`, if the stored version is still `original.version` (it then becomes
    /// one more); false when another change came first.
    func save(_ stock: Stock, original: Stock) async throws -> Bool
    /// The SKU a batch belongs to.
    func sku(ofBatch reference: BatchReference) async throws -> SKU?
    func batch(_ reference: BatchReference) async throws -> BatchDTO?
    /// Batches by reference after `page.after` (one value: the reference), at most `page.limit + 1`.
    func batches(sku: SKU?, page: PageRequest) async throws -> [BatchDTO]
}
