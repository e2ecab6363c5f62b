public import Foundation
public import Kernel

/// Everything the Allocation context offers App's routes (the rest of its work is done by reacting to Orders'
/// events). Errors are `DomainError`s (`batch_exists`, `unknown_sku`, `invalid_cursor`, `not_found`, ...).
///
/// Authorization of batch routes is the caller's (App lets only staff and admins reach them); the owner check of
/// `allocations(orderId:caller:)` is Allocation's, from the customer id `OrderPlaced` carried.
public protocol AllocationFacade: Sendable {
    /// Adds a batch; its SKU must be an active catalog product (`422 unknown_sku`).
    /// `caller` is recorded in the audit log (`batch.created`; nil: the shop itself).
    func addBatch(_ command: AddBatch, by caller: Caller?) async throws -> BatchDTO
    /// One batch; `404` when unknown.
    func batch(reference: String) async throws -> BatchDTO
    /// Batches (of one SKU, or all), keyset-paged by reference.
    func listBatches(_ query: BatchListQuery) async throws -> Page<BatchDTO>
    /// Changes a batch's quantity and/or ETA (arrival with `eta: null`), re-allocating what no longer fits; a
    /// warehouse batch cannot get an ETA (`409 batch_arrived`).
    /// `batch.updated` records the quantity and ETA before and after.
    func changeBatch(reference: String, _ command: ChangeBatch, by caller: Caller?) async throws -> BatchDTO
    /// What `changeBatch` would do, from the same domain code, with nothing stored and no event.
    func previewBatchChange(reference: String, _ command: ChangeBatch) async throws -> BatchChangePreviewDTO
    /// Where the order's lines are; `404` for an unknown order or one of another customer (unless staff).
    func allocations(orderId: UUID, caller: Caller) async throws -> [AllocationViewDTO]
    /// For each allocated line of the order, the batch it is on now and whether that batch is warehouse stock, by
    /// SKU; a line without a batch (backordered, released) is not among them. No caller check: Orders asks, for staff
    /// shipping the order (docs/adr/0021).
    func lineBatches(orderId: UUID) async throws -> [LineBatchDTO]
    /// For each (SKU, quantity), the `YYYY-MM-DD` a line allocated now would ship, or nil when no single batch can
    /// take it; a read of the stock of the moment, reserving nothing.
    func promise(_ lines: [(sku: String, quantity: Int)]) async throws -> [String?]
    /// The stock numbers of a catalog SKU; `404` when the catalog never had it.
    func stockLevel(sku: String) async throws -> StockLevelDTO
    /// Use cases re-run after losing a version race on a SKU, since start (for `/metrics` and benchmarks).
    var conflictsRetried: Int { get }
}

extension AllocationFacade {
    /// A batch the shop adds itself (seeding, tests): recorded with the actor `system`.
    public func addBatch(_ command: AddBatch) async throws -> BatchDTO { try await addBatch(command, by: nil) }
    /// A change the shop makes itself: recorded with the actor `system`.
    public func changeBatch(reference: String, _ command: ChangeBatch) async throws -> BatchDTO {
        try await changeBatch(reference: reference, command, by: nil)
    }
    /// Sets a batch's purchased quantity (`changeBatch` with a quantity only), as the shop itself.
    public func changeBatchQuantity(reference: String, _ command: ChangeBatchQuantity) async throws -> BatchDTO {
        try await changeBatch(reference: reference, ChangeBatch(quantity: command.quantity), by: nil)
    }
}
