public import Foundation
public import Kernel

/// The stock of one SKU: every batch of it and the lines allocated to them. The consistency boundary
/// (Cosmic Python's `Product` aggregate): a change to any batch of the SKU goes through here and is stored with
/// one version bump, so "available" is never computed from a stale view.
public struct Stock: Sendable, Equatable {
    public let sku: SKU
    public private(set) var batches: [Batch]
    /// The stored version this state was loaded at; the store bumps it by one with every saved change.
    public let version: Int64

    public init(sku: SKU, batches: [Batch], version: Int64) {
        self.sku = sku
        self.batches = batches
        self.version = version
    }

    public var availableQuantity: Int { batches.reduce(0) { $0 + $1.availableQuantity } }

    /// Where `line` sits, if allocated.
    public func batch(holding line: OrderLine) -> Batch? { batches.first { $0.holds(line) } }

    public func batch(_ reference: BatchReference) -> Batch? { batches.first { $0.reference == reference } }

    /// Adds a new batch (its reference must be new: `409 batch_exists` otherwise).
    public mutating func add(_ batch: Batch) throws(DomainError) {
        guard batch.sku == sku else { throw .validation(field: "sku", message: "the batch belongs to another SKU") }
        guard self.batch(batch.reference) == nil else { throw Self.batchExists }
        batches.append(batch)
    }

    public static let batchExists = DomainError(.conflict, code: "batch_exists", message: "a batch with this reference exists")

    /// Allocates `line` to the preferred batch that can take it: warehouse stock first, then the earliest ETA.
    /// A line already allocated stays where it is (no change); one no batch can take is out of stock.
    public mutating func allocate(_ line: OrderLine) -> StockChange {
        if let holding = batch(holding: line) { return .allocated(line, batch: holding) }
        guard let index = preferredBatch(for: line) else { return .outOfStock(line, wasAllocated: false) }
        batches[index].allocate(line)
        return .allocated(line, batch: batches[index])
    }

    /// Takes the order's line off its batch; nothing when the order has none here.
    public mutating func deallocate(orderId: UUID) -> StockChange? {
        for index in batches.indices {
            if let line = batches[index].deallocate(orderId: orderId) {
                return .deallocated(line, batch: batches[index].reference)
            }
        }
        return nil
    }

    /// Sets a batch's purchased quantity. While more is allocated than it now holds, its newest line is taken
    /// off and re-allocated to another batch where one can take it, else it is out of stock. Needs every line
    /// of the batch loaded.
    public mutating func changeBatchQuantity(_ reference: BatchReference, to quantity: Int) throws(DomainError) -> [StockChange] {
        guard Batch.quantityRange.contains(quantity) else {
            throw .validation(field: "quantity", message: "must be between 0 and 1000000")
        }
        guard let index = batches.firstIndex(where: { $0.reference == reference }) else { throw .notFound("batch") }
        batches[index].purchasedQuantity = quantity
        var changes: [StockChange] = []
        var released: [OrderLine] = []
        while batches[index].availableQuantity < 0, let line = batches[index].deallocateNewest() {
            changes.append(.deallocated(line, batch: reference))
            released.append(line)
        }
        // Oldest released line first: it was allocated first, so it gets the first pick of what is left.
        for line in released.reversed() {
            if let target = preferredBatch(for: line) {
                batches[target].allocate(line)
                changes.append(.reallocated(line, from: reference, to: batches[target]))
            } else {
                changes.append(.outOfStock(line, wasAllocated: true))
            }
        }
        return changes
    }

    /// Changes a batch as staff asked (`BatchChange`): its ETA first (a date moves a shipment, `arrived` makes it
    /// warehouse stock; a warehouse batch cannot go back to sea: `409 batch_arrived`), then its quantity (as
    /// `changeBatchQuantity`). Lines are never moved by an ETA change; each line left on the batch whose date
    /// changes is `rescheduled`. Needs every line of the batch loaded. The real change and the dry run both run this.
    public mutating func changeBatch(_ reference: BatchReference, _ change: BatchChange) throws(DomainError) -> [StockChange] {
        guard let index = batches.firstIndex(where: { $0.reference == reference }) else { throw .notFound("batch") }
        if let quantity = change.quantity, !Batch.quantityRange.contains(quantity) {
            throw .validation(field: "quantity", message: "must be between 0 and 1000000")
        }
        var etaMoved = false
        switch change.eta {
        case nil:
            break
        case .arrived?:
            etaMoved = batches[index].eta != nil
            batches[index].eta = nil
        case .expected(let date)?:
            guard let current = batches[index].eta else { throw Self.batchArrived }
            etaMoved = current != date
            batches[index].eta = date
        }
        var changes: [StockChange] = []
        if let quantity = change.quantity { changes = try changeBatchQuantity(reference, to: quantity) }
        if etaMoved {
            let batch = batches[index]
            changes += batch.allocations.map { .rescheduled($0, batch: batch) }
        }
        return changes
    }

    public static let batchArrived = DomainError(.conflict, code: "batch_arrived",
                                                 message: "the batch is warehouse stock; it cannot go back to sea")

    /// Allocates backordered `lines` (oldest order first) where free stock can now take them: each gets the first
    /// pick of what is left before any later one; a line nothing can take stays backordered (it is not returned).
    public mutating func allocateBackorders(_ lines: [OrderLine]) -> [(line: OrderLine, batch: Batch)] {
        var allocated: [(line: OrderLine, batch: Batch)] = []
        for line in lines where line.sku == sku && batch(holding: line) == nil {
            if case .allocated(let line, let batch) = allocate(line) { allocated.append((line, batch)) }
        }
        return allocated
    }

    private func preferredBatch(for line: OrderLine) -> Int? {
        batches.indices.filter { batches[$0].canAllocate(line) }
            .min { Batch.isPreferred(batches[$0], over: batches[$1]) }
    }
}
